import { describe, expect, it } from 'vitest';
import {
  capabilities,
  checkTransition,
  commandsFrom,
  matterExits,
  matterStages,
  stepOf,
  transitions,
  type MatterCommand,
  type MatterFacts,
  type MatterStatus,
} from './stages';

const ready: MatterFacts = {
  status: 'raised',
  today: '2026-11-25',
  now: '2026-11-25T08:00:00.000Z',
  hasTopicNotice: true,
  invitationCount: 3,
  meetingsHeld: 1,
  hasResolution: true,
  objectionEndsAt: '2026-11-20T08:00:00.000Z',
  unansweredObjections: 0,
  taskCount: 2,
  openTaskCount: 0,
  followUpCount: 1,
  hasSupervisionReview: true,
  unansweredFindings: 0,
  hasEvaluation: true,
};
const at = (status: MatterStatus, more: Partial<MatterFacts> = {}): MatterFacts => ({ ...ready, status, ...more });
const allStatuses: MatterStatus[] = [...matterStages, ...matterExits];

describe('the seven-step stage table', () => {
  it('walks the happy path from raised to archived', () => {
    const path: [MatterCommand, MatterStatus][] = [
      ['accept', 'raised'],
      ['announce', 'accepted'],
      ['startDeliberation', 'announced'],
      ['resolve', 'deliberating'],
      ['startImplementation', 'resolved'],
      ['startReview', 'implementing'],
      ['archive', 'reviewed'],
    ];
    const reached = path.map(([command, from]) => checkTransition(command, at(from)));
    expect(reached.map((r) => (r.ok ? r.to : r.reason))).toEqual([
      'accepted',
      'announced',
      'deliberating',
      'resolved',
      'implementing',
      'reviewed',
      'archived',
    ]);
  });

  it.each(Object.keys(transitions) as MatterCommand[])(
    'refuses %s from every status it does not start from',
    (command) => {
      for (const status of allStatuses) {
        const result = checkTransition(command, at(status));
        expect(result.ok).toBe(transitions[command].from.includes(status));
        if (!result.ok && result.reason === 'wrong_stage') expect(result.from).toBe(status);
      }
    },
  );

  it('never moves a declined, merged or archived matter', () => {
    for (const status of ['declined', 'merged', 'archived'] as const) {
      expect(commandsFrom(status)).toEqual([]);
      expect(capabilities[status].isWritable).toBe(false);
    }
  });

  it('lets a declined matter never reach deliberation', () => {
    expect(checkTransition('startDeliberation', at('declined'))).toEqual({
      ok: false,
      reason: 'wrong_stage',
      from: 'declined',
    });
  });

  it('needs a topic notice and invitees before announcing', () => {
    expect(checkTransition('announce', at('accepted', { hasTopicNotice: false, invitationCount: 0 }))).toEqual({
      ok: false,
      reason: 'guard',
      failures: [{ code: 'matter.needs_topic_notice' }, { code: 'matter.needs_invitations' }],
    });
  });

  it('needs a held meeting and a resolution text before resolving', () => {
    const result = checkTransition('resolve', at('deliberating', { meetingsHeld: 0, hasResolution: false }));
    expect(result).toMatchObject({
      ok: false,
      failures: [{ code: 'matter.needs_meeting' }, { code: 'matter.needs_resolution' }],
    });
  });

  it('waits for the objection window to close, objections to be answered and tasks to exist', () => {
    const open = at('resolved', { objectionEndsAt: '2026-11-25T08:00:00.001Z' });
    expect(checkTransition('startImplementation', open)).toMatchObject({
      failures: [{ code: 'matter.objection_window_open' }],
    });
    const closesNow = at('resolved', { objectionEndsAt: ready.now });
    expect(checkTransition('startImplementation', closesNow).ok).toBe(true);
    const unanswered = at('resolved', { unansweredObjections: 1, taskCount: 0 });
    expect(checkTransition('startImplementation', unanswered)).toMatchObject({
      failures: [{ code: 'matter.objections_unanswered' }, { code: 'matter.needs_tasks' }],
    });
  });

  it('reviews only when every task is done, and archives only with follow-up, supervision and evaluation', () => {
    expect(checkTransition('startReview', at('implementing', { openTaskCount: 1 })).ok).toBe(false);
    const result = checkTransition(
      'archive',
      at('reviewed', { followUpCount: 0, hasSupervisionReview: false, unansweredFindings: 1, hasEvaluation: false }),
    );
    expect(result).toMatchObject({
      failures: [
        { code: 'matter.needs_follow_up' },
        { code: 'matter.needs_supervision_review' },
        { code: 'matter.findings_unanswered' },
        { code: 'matter.needs_evaluation' },
      ],
    });
  });

  it('archives only once every supervision finding is answered', () => {
    expect(checkTransition('archive', at('reviewed', { unansweredFindings: 2 }))).toEqual({
      ok: false,
      reason: 'guard',
      failures: [{ code: 'matter.findings_unanswered' }],
    });
    expect(checkTransition('archive', at('reviewed', { unansweredFindings: 0 }))).toEqual({ ok: true, to: 'archived' });
  });

  it('lets the higher level vet an escalated matter again', () => {
    expect(checkTransition('accept', at('escalated'))).toEqual({ ok: true, to: 'accepted' });
    expect(checkTransition('escalate', at('escalated')).ok).toBe(false);
  });

  it('numbers the steps 1–7 and gives exits no step', () => {
    expect(matterStages.map(stepOf)).toEqual([1, 2, 3, 4, 5, 6, 7, 7]);
    expect(matterExits.map(stepOf)).toEqual([null, null, null, null]);
  });

  it('enables support only while raised or escalated, objections only once resolved', () => {
    expect(allStatuses.filter((s) => capabilities[s].canSupport)).toEqual(['raised', 'escalated']);
    expect(allStatuses.filter((s) => capabilities[s].canObject)).toEqual(['resolved']);
  });

  it('takes invitation replies only until deliberation ends, never on a closed matter', () => {
    expect(allStatuses.filter((s) => capabilities[s].canReplyToInvitation)).toEqual([
      'accepted',
      'announced',
      'deliberating',
    ]);
  });
});
