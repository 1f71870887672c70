import { alias } from 'drizzle-orm/pg-core';
import { and, asc, eq, sql } from 'drizzle-orm';
import { proxyLifecycle } from '../../../domain/voting';
import type { DbOrTx } from '../../db/client';
import { ballotElectors, ballotOptions, ballotProxies, ballots, ballotVotes, places } from '../../db/schema';
import type { BallotRow } from './casting/cast';

export async function findBallot(db: DbOrTx, ballotId: number, lock = false): Promise<BallotRow | undefined> {
  const query = db.select().from(ballots).where(eq(ballots.id, ballotId));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export const ballotOptionsOf = (db: DbOrTx, ballotId: number) =>
  db.select().from(ballotOptions).where(eq(ballotOptions.ballotId, ballotId)).orderBy(asc(ballotOptions.position));

/** A scope's name as people say it: a unit with its building (5幢2单元), anything else by its own name. */
export async function placeName(db: DbOrTx, placeId: number | null) {
  if (placeId === null) return null;
  const parent = alias(places, 'parent');
  const [row] = await db
    .select({ id: places.id, name: places.name, kind: places.kind, parentName: parent.name })
    .from(places)
    .leftJoin(parent, eq(parent.id, places.parentId))
    .where(eq(places.id, placeId));
  if (!row) return null;
  return { id: row.id, name: row.kind === 'unit' && row.parentName ? `${row.parentName}${row.name}` : row.name };
}

/** Electorate totals and how much of it has voted: counts only, never choices. Area in hundredths of m². */
export type Turnout = {
  heads: number;
  area: bigint;
  households: number;
  votedHeads: number;
  votedArea: bigint;
  votedHouseholds: number;
};

/** One aggregate over the snapshot and the participation rows (fast enough per read at 100,000 electors). */
export async function ballotTurnout(db: DbOrTx, ballotId: number): Promise<Turnout> {
  const { rows } = await db.execute<Record<string, string>>(sql`
    select count(*)::text as heads, coalesce(sum(e.area_centi), 0)::text as area,
      count(distinct e.household_id)::text as households,
      count(v.id)::text as voted_heads,
      coalesce(sum(e.area_centi) filter (where v.id is not null), 0)::text as voted_area,
      count(distinct e.household_id) filter (where v.id is not null)::text as voted_households
    from ${ballotElectors} e
    left join ${ballotVotes} v on v.ballot_id = e.ballot_id and v.elector_id = e.id
    where e.ballot_id = ${ballotId}`);
  const r = rows[0]!;
  return {
    heads: Number(r.heads),
    area: BigInt(r.area!),
    households: Number(r.households),
    votedHeads: Number(r.voted_heads),
    votedArea: BigInt(r.voted_area!),
    votedHouseholds: Number(r.voted_households),
  };
}

/** The electors a resident may cast (their own owner group, themselves, their household). */
export async function electorsOfResident(db: DbOrTx, ballotId: number, residentId: number) {
  return db
    .select({ id: ballotElectors.id, channel: ballotVotes.channel })
    .from(ballotElectors)
    .leftJoin(
      ballotVotes,
      and(eq(ballotVotes.ballotId, ballotElectors.ballotId), eq(ballotVotes.electorId, ballotElectors.id)),
    )
    .where(
      and(eq(ballotElectors.ballotId, ballotId), sql`${ballotElectors.residentIds} @> array[${residentId}]::int[]`),
    )
    .orderBy(asc(ballotElectors.id));
}

/** The principals an account holds an active proxy for, with whether each has voted. */
export async function principalsOf(db: DbOrTx, ballotId: number, accountId: number) {
  return db
    .select({ electorId: ballotElectors.id, label: ballotElectors.label, voteId: ballotVotes.id })
    .from(ballotProxies)
    .innerJoin(ballotElectors, eq(ballotElectors.id, ballotProxies.principalElectorId))
    .leftJoin(
      ballotVotes,
      and(
        eq(ballotVotes.ballotId, ballotProxies.ballotId),
        eq(ballotVotes.electorId, ballotProxies.principalElectorId),
      ),
    )
    .where(
      and(
        eq(ballotProxies.ballotId, ballotId),
        eq(ballotProxies.proxyAccountId, accountId),
        eq(ballotProxies.status, proxyLifecycle.state.active),
      ),
    )
    .orderBy(asc(ballotElectors.id));
}
