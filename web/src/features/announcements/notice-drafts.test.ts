import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import zhCN from '../../locales/zh-CN.json';
import type { BallotResult } from '../ballots/ballots.api';
import { meetingNoticeDraft, noticeEndsOn, noticeKindsAt, resultNoticeDraft } from './notice-drafts';

const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN } });
const t = (key: string, params: Record<string, unknown> = {}) => i18n.global.t(key, params);

const counts = { heads: '0', area: '0', households: '0' };
const passedBallot: BallotResult = {
  outcome: 'passed',
  isStatutory: true,
  ruleName: '业主共同决定（双四分之三）',
  citation: '民法典第1278条',
  quorum: null,
  decision: {
    mode: 'all',
    met: true,
    checks: [
      {
        measure: 'area',
        part: 'approvals',
        of: 'participants',
        numerator: '113969',
        denominator: '134982',
        percent: '84.43',
        threshold: '≥ 3/4',
        met: true,
      },
      {
        measure: 'heads',
        part: 'approvals',
        of: 'participants',
        numerator: '15',
        denominator: '17',
        percent: '88.24',
        threshold: '≥ 3/4',
        met: true,
      },
    ],
  },
  electorate: counts,
  participants: counts,
  counts: null,
  approval: null,
  ranked: null,
  winners: [],
  missingConsents: [],
  channels: { online: 0, proxy: 0, assisted: 0, paper: 0 },
};

describe('notice drafts', () => {
  it('drafts a meeting notice with the time, form, venue and agenda', () => {
    const draft = meetingNoticeDraft(
      '5幢加装电梯',
      {
        startsAt: new Date(2026, 11, 8, 19, 0).toISOString(),
        endsAt: null,
        mode: 'on_site',
        venue: '河滨社区议事厅',
        onlineLink: null,
        agenda: '一、介绍方案\n二、听取意见',
      },
      t,
    );
    expect(draft.title).toBe('关于召开“5幢加装电梯”议事会议的公示');
    expect(draft.body).toContain('定于 2026-12-08 19:00 召开议事会议，协商“5幢加装电梯”。');
    expect(draft.body).toContain('会议形式：现场');
    expect(draft.body).toContain('会议地点：河滨社区议事厅');
    expect(draft.body).toContain('会议议程：\n一、介绍方案\n二、听取意见');
    expect(draft.body).not.toContain('线上参会');
  });

  it('drafts a result notice with the outcome and the ballot lines as the public page prints them', () => {
    const draft = resultNoticeDraft('5幢加装电梯', { body: '同意加装电梯', basis: 'ballot' }, passedBallot, t);
    expect(draft.title).toBe('关于“5幢加装电梯”协商结果的公示');
    expect(draft.body).toContain('同意加装电梯');
    expect(draft.body).toContain('形成方式：投票表决');
    expect(draft.body).toContain('表决通过');
    expect(draft.body).toContain('同意面积 1,139.69/1,349.82 m²（84.43%）≥ 3/4 ✓');
    expect(draft.body).toContain('同意人数 15/17（88.24%）≥ 3/4 ✓');
    const consensus = resultNoticeDraft('楼道清理', { body: '每月清理一次', basis: 'consensus' }, null, t);
    expect(consensus.body).toContain('形成方式：会议协商一致');
    expect(consensus.body).not.toContain('表决');
  });

  it('keeps drafts within the notice limits', () => {
    const long = resultNoticeDraft('长'.repeat(200), { body: '文'.repeat(6000), basis: 'consensus' }, null, t);
    expect(long.title.length).toBe(100);
    expect(long.body.length).toBe(5000);
  });

  it('counts both ends of a notice period and offers result notices once decided', () => {
    expect(noticeEndsOn('2026-12-01', 7)).toBe('2026-12-07');
    expect(noticeEndsOn('2026-12-28', 5)).toBe('2027-01-01');
    expect(noticeKindsAt(true)).toEqual(['result']);
    expect(noticeKindsAt(false)).toEqual(['topic', 'meeting']);
  });
});
