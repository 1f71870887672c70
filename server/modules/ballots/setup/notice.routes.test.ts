import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDay } from '../../../../domain/voting';
import { ballotLog, ballots, matterEvents } from '../../../db/schema';
import { expectError } from '../../../test/after-deliberation.fixtures';
import { channelWorld, type ChannelWorld } from '../../../test/ballot-channels.fixtures';

/** 村民会议 ballots open only once the rule's 10 days of notice have passed since the topic notice. */
describe("villagers' meeting ballots and their notice days", () => {
  let w: ChannelWorld;
  beforeAll(async () => {
    w = await channelWorld();
  });
  afterAll(() => w.t.close());

  const today = () => chinaDay(new Date());

  /** A draft villagers' meeting ballot on a matter whose topic notice starts `daysAgo` days ago. */
  async function draftWithNotice(daysAgo: number | null) {
    const { ballot, matter } = await w.openBallot({ status: 'draft', ruleKey: 'villagers_meeting' });
    if (daysAgo !== null) {
      await w.db.execute(sql`
        insert into notices (matter_id, kind, title, body, starts_on, ends_on, created_by, created_at)
        values (${matter.id}, 'topic', '议题公告', '修建村道', ${addDays(today(), -daysAgo)}::date,
                ${today()}::date, ${w.staff.convenor.id}, now() - make_interval(days => ${daysAgo}))`);
    }
    return { ballot, matter };
  }
  const open = (ballotId: number, body?: unknown) => w.clients.convenor.post(`/api/ballots/${ballotId}/open`, body);

  it('refuses to open a minute after the topic notice, naming the day it may open', async () => {
    const { ballot } = await draftWithNotice(0);
    const refused = await open(ballot.id);
    expectError(refused, 409, {
      code: 'ballot.notice_period',
      details: { opensOn: addDays(today(), 10), noticeDays: 10 },
    });
    expect(refused.json().error.message).toContain(addDays(today(), 10));
    const [row] = await w.db.select().from(ballots).where(eq(ballots.id, ballot.id));
    expect(row).toMatchObject({ status: 'draft', noticeOverride: null });
  });

  it('refuses on the ninth day and opens on the tenth', async () => {
    const nine = await draftWithNotice(9);
    expectError(await open(nine.ballot.id), 409, {
      code: 'ballot.notice_period',
      details: { opensOn: addDays(today(), 1) },
    });
    const ten = await draftWithNotice(10);
    const opened = await open(ten.ballot.id);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({ ballot: { status: 'open', noticeOverride: null } });
  });

  it('counts from the day the notice was posted, not an earlier start day typed on it', async () => {
    const { ballot, matter } = await w.openBallot({ status: 'draft', ruleKey: 'villagers_meeting' });
    await w.db.execute(sql`
      insert into notices (matter_id, kind, title, body, starts_on, ends_on, created_by)
      values (${matter.id}, 'topic', '议题公告', '修建村道', ${addDays(today(), -20)}::date, ${today()}::date,
              ${w.staff.convenor.id})`);
    expectError(await open(ballot.id), 409, { code: 'ballot.notice_period' });
  });

  it('asks for a topic notice when the matter has none', async () => {
    const { ballot } = await draftWithNotice(null);
    expectError(await open(ballot.id), 409, { code: 'ballot.notice_missing', details: { opensOn: null } });
  });

  it('opens early with a recorded reason, kept on the ballot, in its log and in the matter’s chain', async () => {
    const { ballot, matter } = await draftWithNotice(2);
    expectError(await open(ballot.id, { noticeOverride: { reason: '' } }), 400, { field: 'noticeOverride.reason' });
    const reason = '防汛抢修，经村民代表会议同意提前表决';
    const opened = await open(ballot.id, { noticeOverride: { reason } });
    expect(opened.statusCode, opened.body).toBe(200);
    const override = { reason, opensOn: addDays(today(), 8) };
    expect(opened.json()).toMatchObject({ ballot: { status: 'open', noticeOverride: override } });
    const [log] = await w.db
      .select()
      .from(ballotLog)
      .where(and(eq(ballotLog.ballotId, ballot.id), eq(ballotLog.action, 'ballot.open')));
    expect(log!.payload).toMatchObject({ noticeOverride: override });
    const chain = await w.db.select().from(matterEvents).where(eq(matterEvents.matterId, matter.id));
    expect(chain.find((e) => e.action === 'ballot.open')?.payload).toMatchObject({ noticeOverride: override });
    const read = await w.clients.resident.get(`/api/ballots/${ballot.id}`);
    expect(read.json().ballot.noticeOverride).toEqual(override);
  });

  it('lets a grid worker neither open nor override', async () => {
    const { ballot } = await draftWithNotice(0);
    expectError(
      await w.clients.grid.post(`/api/ballots/${ballot.id}/open`, { noticeOverride: { reason: '提前' } }),
      403,
      { code: 'access.denied' },
    );
  });

  it('leaves rules without notice days alone', async () => {
    const { ballot } = await w.openBallot({ status: 'draft' });
    expect((await open(ballot.id)).statusCode).toBe(200);
  });
});
