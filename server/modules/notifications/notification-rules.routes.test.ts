import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActions, type AuditAction } from '../../../domain/matters/audit-actions';
import { notificationRules, renderNotification, type RecipientGroup } from '../../../domain/messaging';
import {
  accounts,
  inboxItems,
  invitations,
  matterFollows,
  matterOversight,
  matterSupports,
  meetings,
  notifications,
  objections,
  resolutions,
  signIns,
  tasks,
} from '../../db/schema';
import { buildBallot } from '../../test/ballot-factories';
import { buildTestApp, type TestApp } from '../../test/build-test-app';
import { buildResident, buildStaff, buildTerritory } from '../../test/factories';
import { buildMatter } from '../../test/matter-factories';
import { appendMatterEvent } from '../matters';

/**
 * Every rule of the table, played as a chain entry on one matter where each recipient group has its
 * own person: who got which text. A rule added without being right here fails the loop.
 */
describe('notification rules, entry by entry', () => {
  let t: TestApp;
  let matterId: number;
  let officer: number;
  const members = {} as Record<RecipientGroup, number[]>;
  const payload = {} as { meetingId: number; ballotId: number; taskId: number; objectionId: number };

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    const territory = await buildTerritory(db);
    const resident = async (name: string) => {
      const r = await buildResident(db, { placeId: territory.unit1.id, name });
      const [a] = await db
        .insert(accounts)
        .values({ phone: r.phone!, displayName: name, residentId: r.id })
        .returning();
      return { resident: r, account: a! };
    };
    const [proposer, supporter, invitee, attendee, elector, objector, follower] = await Promise.all(
      ['提议人', '联名人', '受邀人', '参会人', '业主', '异议人', '关注者'].map(resident),
    );
    const convenor = await buildStaff(db, { role: 'convenor', placeId: territory.community.id });
    officer = (await buildStaff(db, { role: 'convenor', placeId: territory.community.id })).id;
    const supervisor = await buildStaff(db, { role: 'supervisor', placeId: territory.community.id });
    const taskOwner = await buildStaff(db, { role: 'convenor', placeId: territory.community.id });
    const matter = await buildMatter(db, {
      placeId: territory.building.id,
      proposerAccountId: proposer!.account.id,
      convenorAccountId: convenor.id,
      status: 'implementing',
    });
    matterId = matter.id;
    await db.insert(matterSupports).values({ matterId, accountId: supporter!.account.id });
    await db.insert(matterFollows).values({ matterId, accountId: follower!.account.id });
    await db.insert(invitations).values({ matterId, residentId: invitee!.resident.id, reason: 'affected' });
    const [meeting] = await db
      .insert(meetings)
      .values({
        matterId,
        mode: 'on_site',
        venue: '河滨社区议事厅',
        startsAt: new Date('2026-12-08T10:30:00Z'),
        agenda: '加装电梯方案',
        signInCode: '123456',
        createdBy: convenor.id,
      })
      .returning();
    await db.insert(signIns).values({ meetingId: meeting!.id, accountId: attendee!.account.id, method: 'code' });
    await db.insert(matterOversight).values({ matterId, supervisorAccountId: supervisor.id, assignedBy: officer });
    const [task] = await db
      .insert(tasks)
      .values({
        matterId,
        title: '施工',
        ownerName: '物业',
        ownerAccountId: taskOwner.id,
        dueOn: '2026-12-30',
        createdBy: officer,
      })
      .returning();
    const [resolution] = await db
      .insert(resolutions)
      .values({
        matterId,
        body: '同意加装',
        basis: 'consensus',
        objectionEndsAt: new Date('2026-12-20T00:00:00Z'),
        createdBy: officer,
      })
      .returning();
    const [objection] = await db
      .insert(objections)
      .values({ resolutionId: resolution!.id, accountId: objector!.account.id, body: '噪音' })
      .returning();
    const { ballot } = await buildBallot(db, {
      matterId,
      placeId: territory.building.id,
      placePath: territory.building.path,
      createdBy: officer,
      electors: [{ residentIds: [elector!.resident.id] }],
      closesAt: new Date('2026-12-10T10:00:00Z'),
    });
    Object.assign(payload, {
      meetingId: meeting!.id,
      ballotId: ballot.id,
      taskId: task!.id,
      objectionId: objection!.id,
    });
    Object.assign(members, {
      proposer: [proposer!.account.id],
      supporters: [supporter!.account.id],
      invitees: [invitee!.account.id],
      attendees: [attendee!.account.id],
      followers: [follower!.account.id],
      electors: [elector!.account.id],
      convenor: [convenor.id],
      supervisors: [supervisor.id],
      task_owner: [taskOwner.id],
      objector: [objector!.account.id],
    });
  });
  afterAll(async () => t.close());

  const entry = (action: AuditAction, actorAccountId: number) =>
    t.database.db.transaction((tx) =>
      appendMatterEvent(tx, {
        matterId,
        actorAccountId,
        action,
        payload: { ...payload, outcome: 'passed', percent: 30 },
      }),
    );
  const rowsOf = (seq: number) =>
    t.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.matterId, matterId), eq(notifications.seq, seq)));

  it.each(auditActions)('%s reaches exactly its rule’s groups, with its text', async (action) => {
    const rule = notificationRules[action];
    const { seq } = await entry(action, officer);
    const rows = await rowsOf(seq);
    if (rule.recipients === 'nobody') {
      expect(rows).toEqual([]);
      return;
    }
    const expected = [...new Set(rule.recipients.flatMap((g) => members[g]))].sort((a, b) => a - b);
    const inboxRows = rows.filter((r) => r.channel === 'inbox');
    expect(inboxRows.map((r) => r.accountId).sort((a, b) => a - b)).toEqual(expected);
    expect(inboxRows.every((r) => r.kind === rule.kind && r.status === 'delivered')).toBe(true);
    const text = renderNotification(action, inboxRows[0]!.params, 'zh-CN')!;
    const items = await t.database.db
      .select()
      .from(inboxItems)
      .where(and(eq(inboxItems.matterId, matterId), eq(inboxItems.accountId, expected[0]!)));
    expect(items.find((i) => i.title === text.title && i.body === text.body)).toBeDefined();
    // SMS rows wait for the job when on for the kind, else are recorded as suppressed.
    const smsRows = rows.filter((r) => r.channel === 'sms');
    expect(smsRows).toHaveLength(expected.length);
    const isSmsOn = ['meeting', 'ballot', 'result'].includes(rule.kind);
    expect(smsRows.every((r) => r.status === (isSmsOn ? 'pending' : 'suppressed'))).toBe(true);
  });

  it('puts the meeting’s time and venue, the ballot’s closing time and its result in the texts', async () => {
    const texts = async (action: AuditAction) => {
      const { seq } = await entry(action, officer);
      const [row] = (await rowsOf(seq)).filter((r) => r.channel === 'inbox');
      return renderNotification(action, row!.params, 'zh-CN')!.body;
    };
    expect(await texts('meeting.schedule')).toBe('时间：12月8日 18:30；地点：河滨社区议事厅。请准时参加。');
    expect(await texts('ballot.open')).toContain('截止时间：12月10日 18:00');
    expect(await texts('ballot.close')).toContain('结果：通过');
  });

  it('never tells the actor of their own entry', async () => {
    const { seq } = await entry('accept', members.proposer[0]!);
    const rows = await rowsOf(seq);
    expect(rows.map((r) => r.accountId)).not.toContain(members.proposer[0]);
    expect(rows.map((r) => r.accountId)).toContain(members.supporters[0]);
  });

  it('links a meeting notice to the meeting and a ballot notice to the ballot', async () => {
    await entry('meeting.schedule', officer);
    await entry('ballot.open', officer);
    const items = await t.database.db.select().from(inboxItems).where(eq(inboxItems.matterId, matterId));
    expect(items.some((i) => i.kind === 'meeting' && i.link === `/meetings/${payload.meetingId}`)).toBe(true);
    expect(items.some((i) => i.kind === 'ballot' && i.link === `/ballots/${payload.ballotId}`)).toBe(true);
  });
});
