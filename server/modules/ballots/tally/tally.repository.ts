/** The count's and the close's SQL: reads of the snapshot and the votes, the status moves at close. */
import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { ballotElectors, ballots, ballotSecretChoices, ballotVotes } from '../../../db/schema';
import type { BallotResult } from '../../../../contracts/ballots';
import { ballotPastCloseSql } from '../ballots.repository';
import type { VoteChannel } from '../casting/cast';

/** open/counting → closed, with the stored result and its digest; the closed row. */
export async function markBallotClosed(
  tx: DbOrTx,
  ballotId: number,
  values: { closedAt: Date; closedBy: number | null; result: BallotResult; resultDigest: string },
) {
  const [closed] = await tx
    .update(ballots)
    .set({ status: 'closed', ...values })
    .where(eq(ballots.id, ballotId))
    .returning();
  return closed;
}

/** open → counting; the counting row. */
export async function markBallotCounting(tx: DbOrTx, ballotId: number) {
  const [counting] = await tx.update(ballots).set({ status: 'counting' }).where(eq(ballots.id, ballotId)).returning();
  return counting;
}

/**
 * Secret choices are written in the voter's own transaction, so until close their system columns
 * (xmin, physical order) match the participation row's. At close they are rewritten in random order,
 * with new ids, by this one transaction: the stored record keeps no trace of who cast which.
 */
export async function shuffleSecretChoices(tx: DbOrTx, ballotId: number) {
  await tx.execute(sql`
    with moved as (delete from ${ballotSecretChoices} where ballot_id = ${ballotId} returning receipt_hash, choice)
    insert into ${ballotSecretChoices} (ballot_id, receipt_hash, choice)
    select ${ballotId}, receipt_hash, choice from moved order by random()`);
}

/** Open ballots whose closing time has passed by `now`, the earliest first. */
export async function dueBallotIds(db: DbOrTx, now: Date) {
  return db
    .select({ id: ballots.id })
    .from(ballots)
    .where(ballotPastCloseSql(now))
    .orderBy(asc(ballots.closesAt), asc(ballots.id));
}

/** A matter's ballots, oldest first (the order of the file). */
export async function matterBallotsOldestFirst(db: DbOrTx, matterId: number) {
  return db.select().from(ballots).where(eq(ballots.matterId, matterId)).orderBy(asc(ballots.id));
}

/** The snapshot as ONE text "id,area,household;…" (null: no electors). */
export async function electorSnapshotText(db: DbOrTx, ballotId: number) {
  const [snapshot] = (
    await db.execute<{ list: string | null }>(sql`
      select string_agg(id || ',' || area_centi || ',' || coalesce(household_id::text, ''), ';') as list
      from ${ballotElectors} where ballot_id = ${ballotId}`)
  ).rows;
  return snapshot?.list ?? null;
}

/** One group of participation rows: a channel (and a yes/no choice), its size and its elector ids ("1,5,…"). */
export type VoteGroup = { channel: VoteChannel; yes_no: string | null; n: number; electors: string };

/** The participation rows grouped by channel (and by yes/no choice when `byChoice`), with their elector ids. */
export async function voteGroups(db: DbOrTx, ballotId: number, byChoice: boolean) {
  const { rows } = await db.execute<VoteGroup>(sql`
    select channel, case when ${byChoice} then choice->>'choice' end as yes_no, count(*)::int as n,
      string_agg(elector_id::text, ',') as electors
    from ${ballotVotes} where ballot_id = ${ballotId} group by 1, 2`);
  return rows;
}

/** Labels of the electors holding any of these dwellings (whose own consent is required). */
export async function electorLabelsHolding(db: DbOrTx, ballotId: number, dwellingIds: readonly number[]) {
  const { rows } = await db.execute<{ key: string; label: string }>(sql`
    select id::text as key, label from ${ballotElectors}
    where ballot_id = ${ballotId} and dwelling_ids && ${sql.param(dwellingIds)}::int[]`);
  return rows;
}

/** A named ballot's choices, by elector. */
export async function namedVoteChoices(db: DbOrTx, ballotId: number) {
  return db
    .select({ electorId: ballotVotes.electorId, choice: ballotVotes.choice })
    .from(ballotVotes)
    .where(eq(ballotVotes.ballotId, ballotId));
}

export async function secretChoicesOf(db: DbOrTx, ballotId: number) {
  return db
    .select({ choice: ballotSecretChoices.choice })
    .from(ballotSecretChoices)
    .where(eq(ballotSecretChoices.ballotId, ballotId));
}
