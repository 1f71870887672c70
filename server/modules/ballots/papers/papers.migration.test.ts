import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ballotPaperEntries, ballotPapers, ballots } from '../../../db/schema';
import { channelWorld, type ChannelWorld } from '../../../test/ballot-channels.fixtures';
import { paperChoiceDigest } from './papers.seal';

/** The hand-written part of migration 0011: what it does to rows written before it. */
function handWritten(): string[] {
  const file = readFileSync(path.resolve('server/migrations/0011_paper_secrecy_counting.sql'), 'utf8');
  const [, tail] = file.split('-- hand-written:');
  return tail!
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter(Boolean);
}

describe('migration 0011 on secret paper entries written before it', () => {
  let w: ChannelWorld;
  beforeAll(async () => {
    w = await channelWorld();
  });
  afterAll(() => w.t.close());

  /** A paper as the old code wrote it: plaintext choices on its entries. */
  async function oldPaper(
    ballotId: number,
    paperNo: string,
    status: 'pending' | 'mismatch' | 'counted',
    entries: { electorId: number; by: number; choice: unknown }[],
  ) {
    const [paper] = await w.db.insert(ballotPapers).values({ ballotId, paperNo, status }).returning();
    for (const e of entries) {
      await w.db
        .insert(ballotPaperEntries)
        .values({ paperId: paper!.id, electorId: e.electorId, enteredBy: e.by, choice: e.choice });
    }
    return paper!;
  }
  const entriesOf = (paperId: number) =>
    w.db.select().from(ballotPaperEntries).where(eq(ballotPaperEntries.paperId, paperId));
  const paperRow = async (paperId: number) =>
    (await w.db.select().from(ballotPapers).where(eq(ballotPapers.id, paperId)))[0]!;

  it('replaces plaintext with the digest the service computes, so the second entry still counts', async () => {
    const grid = w.staff.grid.id;
    const yesNo = await w.openBallot({ secrecy: 'secret' });
    const approval = await w.openBallot({ secrecy: 'secret', ruleKey: 'approval', options: ['南侧', '北侧', '东侧'] });
    const [a, b] = approval.options.map((o) => o.id) as [number, number];
    const closed = await w.openBallot({ secrecy: 'secret', status: 'closed' });
    const named = await w.openBallot();
    const pending = await oldPaper(yesNo.ballot.id, 'M1', 'pending', [
      { electorId: yesNo.electors.wang, by: grid, choice: { kind: 'yes_no', choice: 'against' } },
    ]);
    const counted = await oldPaper(yesNo.ballot.id, 'M2', 'counted', [
      { electorId: yesNo.electors.sun, by: grid, choice: { sealed: true } },
    ]);
    const ticks = await oldPaper(approval.ballot.id, 'M3', 'pending', [
      { electorId: approval.electors.zhou, by: grid, choice: { kind: 'approval', optionIds: [b, a] } },
    ]);
    const left = await oldPaper(closed.ballot.id, 'M4', 'pending', [
      { electorId: closed.electors.li, by: grid, choice: { kind: 'yes_no', choice: 'for' } },
    ]);
    const kept = await oldPaper(named.ballot.id, 'M5', 'pending', [
      { electorId: named.electors.li, by: grid, choice: { kind: 'yes_no', choice: 'for' } },
    ]);

    for (const statement of handWritten()) await w.db.execute(sql.raw(statement));

    const salt = (await paperRow(pending.id)).choiceSalt!;
    expect(salt).toMatch(/^[0-9a-f]{64}$/);
    expect(await entriesOf(pending.id)).toMatchObject([
      {
        choice: null,
        choiceDigest: paperChoiceDigest(salt, pending, yesNo.electors.wang, { kind: 'yes_no', choice: 'against' }),
      },
    ]);
    const tickSalt = (await paperRow(ticks.id)).choiceSalt!;
    expect((await entriesOf(ticks.id))[0]!.choiceDigest).toBe(
      paperChoiceDigest(tickSalt, ticks, approval.electors.zhou, { kind: 'approval', optionIds: [a, b] }),
    );
    expect(await entriesOf(counted.id)).toMatchObject([{ choice: null, choiceDigest: null }]);
    expect(await entriesOf(left.id)).toMatchObject([{ choice: null, choiceDigest: null }]);
    expect(await entriesOf(kept.id)).toMatchObject([{ choice: { choice: 'for' }, choiceDigest: null }]);
    expect((await paperRow(kept.id)).choiceSalt).toBeNull();

    const second = await w.clients.convenor.post(`/api/ballots/${yesNo.ballot.id}/papers`, {
      paperNo: 'M1',
      electorId: yesNo.electors.wang,
      choice: 'against',
    });
    expect(second.json()).toMatchObject({ status: 'counted' });
    const [row] = await w.db.select().from(ballots).where(eq(ballots.id, yesNo.ballot.id));
    expect(row!.usesPapers).toBe(true);
  });
});
