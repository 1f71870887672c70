import { alias } from 'drizzle-orm/pg-core';
import { and, asc, count, eq, ilike, isNotNull, isNull, min, sql, type SQL } from 'drizzle-orm';
import { ballotLifecycle, proxyLifecycle } from '../../../domain/voting';
import type { DbOrTx } from '../../db/client';
import {
  ballotElectors,
  ballotLog,
  ballotOptions,
  ballotProxies,
  ballots,
  ballotVotes,
  notices,
  places,
} from '../../db/schema';
import { isState } from '../../db/lifecycle-sql';
import { escapeLike } from '../../db/subtree';

/** A ballot row as stored: casting/cast.ts's BallotRow, declared here so the repository imports no casting code. */
type BallotRow = typeof ballots.$inferSelect;

/**
 * SQL twin of the domain's isPastClose: an open ballot whose closing time has passed by `now` (the
 * deadline job's `now()`, or `clock_timestamp()` where a vote races the deadline).
 */
export const ballotPastCloseSql = (now: SQL | Date): SQL =>
  sql`(${isState(ballots.status, ballotLifecycle.state.open)} and ${ballots.closesAt} <= ${now})`;

/** The opposite side of the deadline: open and before its closing time, so it takes online votes. */
export const ballotTakesVotesSql = (now: SQL | Date): SQL =>
  sql`(${isState(ballots.status, ballotLifecycle.state.open)} and ${ballots.closesAt} > ${now})`;

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

/** One row of the ballot's own log; payloads carry ids, never names, phones or secret choices. */
export async function logBallot(
  db: DbOrTx,
  entry: { ballotId: number; accountId: number | null; action: string; payload: Record<string, unknown> },
) {
  await db.insert(ballotLog).values(entry);
}

/** An elector of this ballot's snapshot. */
export async function findElector(db: DbOrTx, ballotId: number, electorId: number) {
  const [elector] = await db
    .select({ id: ballotElectors.id, label: ballotElectors.label, residentIds: ballotElectors.residentIds })
    .from(ballotElectors)
    .where(and(eq(ballotElectors.id, electorId), eq(ballotElectors.ballotId, ballotId)));
  return elector;
}

/**
 * The day the matter's topic was announced: its first topic notice, counted from the later of its
 * start day and the China day it was posted (a back-dated start does not shorten the notice).
 */
export async function topicNoticeDay(db: DbOrTx, matterId: number): Promise<string | null> {
  const [row] = await db
    .select({
      day: min(
        sql<string>`greatest(${notices.startsOn}, (${notices.createdAt} at time zone 'Asia/Shanghai')::date)::text`,
      ),
    })
    .from(notices)
    .where(and(eq(notices.matterId, matterId), eq(notices.kind, 'topic')));
  return row?.day ?? null;
}

/** draft → open, with the override of the notice rule when staff gave one. */
export async function markBallotOpen(
  tx: DbOrTx,
  ballotId: number,
  values: { openedAt: Date; noticeOverride: BallotRow['noticeOverride'] },
) {
  await tx
    .update(ballots)
    .set({ status: 'open', openedAt: values.openedAt, noticeOverride: values.noticeOverride })
    .where(eq(ballots.id, ballotId));
}

export async function setBallotClosesAt(tx: DbOrTx, ballotId: number, closesAt: Date) {
  await tx.update(ballots).set({ closesAt }).where(eq(ballots.id, ballotId));
}

/** A page of the electorate with each elector's channel (null: not voted), and how many match. */
export async function electorPage(
  db: DbOrTx,
  ballotId: number,
  filter: { q?: string; voted?: 'true' | 'false' },
  page: { page: number; pageSize: number },
) {
  const joined = and(eq(ballotVotes.ballotId, ballotElectors.ballotId), eq(ballotVotes.electorId, ballotElectors.id));
  const where = and(
    eq(ballotElectors.ballotId, ballotId),
    filter.q ? ilike(ballotElectors.label, `%${escapeLike(filter.q)}%`) : undefined,
    filter.voted === 'true' ? isNotNull(ballotVotes.id) : filter.voted === 'false' ? isNull(ballotVotes.id) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: ballotElectors.id,
        key: ballotElectors.key,
        label: ballotElectors.label,
        area: ballotElectors.areaCenti,
        householdId: ballotElectors.householdId,
        channel: ballotVotes.channel,
      })
      .from(ballotElectors)
      .leftJoin(ballotVotes, joined)
      .where(where)
      .orderBy(asc(ballotElectors.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: count() }).from(ballotElectors).leftJoin(ballotVotes, joined).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}
