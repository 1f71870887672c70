/** The count's and the close's SQL: reads of the snapshot and the votes, the status moves at close. */
import { asc, eq, sql, type SQL } from 'drizzle-orm';
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

/** The electors who took part (one participation row each). */
export async function voteElectorIds(db: DbOrTx, ballotId: number) {
  const rows = await db
    .select({ electorId: ballotVotes.electorId })
    .from(ballotVotes)
    .where(eq(ballotVotes.ballotId, ballotId));
  return rows.map((r) => r.electorId);
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

/** A yes/no ballot's totals as the database sums them: heads, area and households (as text) per group. */
export type YesNoSums = Record<
  `${'electorate' | 'participants' | 'approvals' | 'against' | 'decisive'}_${'heads' | 'area' | 'households'}`,
  string
>;

/**
 * A yes/no (or consent) ballot counted in ONE pass of the database over its roll: each elector with
 * its choice — named: the snapshot joined to its vote rows (votes of non-electors ignored); secret: the
 * electors who did not take part, plus one anonymous participant per secret choice with the weights
 * stored on it — first summed by (choice, household) in a hash, then by group: distinct households
 * are then counted over a few rows per household rather than sorting the whole roll for each group.
 * The same totals as domain/voting's countChoices over the same roll (tally-sums.test.ts).
 */
export async function yesNoSums(db: DbOrTx, ballotId: number, named: boolean): Promise<YesNoSums> {
  const roll = named
    ? sql`select e.area_centi, e.household_id, v.choice
        from ${ballotElectors} e
        left join (select elector_id, choice->>'choice' as choice from ${ballotVotes} where ballot_id = ${ballotId}) v
          on v.elector_id = e.id
        where e.ballot_id = ${ballotId}`
    : sql`select e.area_centi, e.household_id, null::text
        from ${ballotElectors} e
        where e.ballot_id = ${ballotId}
          and not exists (select 1 from ${ballotVotes} v where v.ballot_id = e.ballot_id and v.elector_id = e.id)
        union all
        select (c.choice->>'area')::bigint, (c.choice->>'householdId')::int,
               case when c.choice->>'kind' = 'yes_no' then c.choice->>'choice' end
        from ${ballotSecretChoices} c where c.ballot_id = ${ballotId}`;
  // One process for the pass: on the small (2-core) servers measured, a parallel worker's start and
  // gather cost more than the halved scan saves (100,000 owners: 274 vs 432 ms median, loaded machine).
  // SET LOCAL lasts to the end of the caller's transaction (the close), which has nothing big left.
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
    return sumRoll(tx, roll);
  });
}

/** One group's heads, area and distinct households over the (choice, household) sums (choices are constants). */
const group = (name: string, choices: readonly ('for' | 'against' | 'abstain')[] | null) => {
  const where = choices ? sql.raw(` filter (where choice in (${choices.map((c) => `'${c}'`).join(', ')}))`) : sql``;
  return sql`coalesce(sum(heads)${where}, 0)::text as ${sql.raw(`${name}_heads`)},
    coalesce(sum(area)${where}, 0)::text as ${sql.raw(`${name}_area`)},
    count(distinct household)${where}::text as ${sql.raw(`${name}_households`)}`;
};

async function sumRoll(db: DbOrTx, roll: SQL) {
  const { rows } = await db.execute<YesNoSums>(sql`
    with roll (area, household, choice) as (${roll}),
    by_household as (
      select choice, household, count(*) as heads, sum(area) as area from roll group by choice, household
    )
    select ${group('electorate', null)}, ${group('participants', ['for', 'against', 'abstain'])},
      ${group('approvals', ['for'])}, ${group('against', ['against'])}, ${group('decisive', ['for', 'against'])}
    from by_household`);
  return rows[0]!;
}

/**
 * The electors holding any of these dwellings (whose own consent is required) who did not give it:
 * on a named ballot, no vote or not `for`; on a secret one, no vote (a secret choice names no one,
 * so having voted is all that can be known — as the count in JS has always read it).
 */
export async function consentsNotGiven(db: DbOrTx, ballotId: number, dwellingIds: readonly number[], named: boolean) {
  const { rows } = await db.execute<{ key: string; label: string }>(sql`
    select e.id::text as key, e.label from ${ballotElectors} e
    left join ${ballotVotes} v on v.ballot_id = e.ballot_id and v.elector_id = e.id
    where e.ballot_id = ${ballotId} and e.dwelling_ids && ${sql.param(dwellingIds)}::int[]
      and (v.id is null or (${named} and (v.choice->>'choice') is distinct from 'for'))
    order by e.id`);
  return rows;
}

/** The participation rows counted by channel. */
export async function channelCounts(db: DbOrTx, ballotId: number) {
  const { rows } = await db.execute<{ channel: VoteChannel; n: number }>(sql`
    select channel, count(*)::int as n from ${ballotVotes} where ballot_id = ${ballotId} group by channel`);
  return rows;
}
