/**
 * The vote path's SQL (castVote, castFirstVotes, the group-commit writer's savepoints, the read
 * cache, receipts). Every function runs on the connection or transaction it is given, one statement
 * each: the callers keep the order, the locks and the transaction boundaries.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import type { DbOrTx } from '../../../db/client';
import { ballotElectors, ballotLog, ballots, ballotSecretChoices, ballotVotes } from '../../../db/schema';
import { ballotSignalSql } from '../../../plugins/live';
import { ballotTakesVotesSql } from '../ballots.repository';

/** The ballot's status and secrecy, read FOR KEY SHARE, and whether it takes votes at clock_timestamp(). */
export async function ballotStateForKeyShare(tx: DbOrTx, ballotId: number) {
  const [state] = await tx
    .select({
      status: ballots.status,
      secrecy: ballots.secrecy,
      takesVotes: sql<boolean>`${ballotTakesVotesSql(sql`clock_timestamp()`)}`,
    })
    .from(ballots)
    .where(eq(ballots.id, ballotId))
    .for('key share');
  return state;
}

/** An elector of this ballot's snapshot with the weights a secret choice carries. */
export async function findElectorWeights(tx: DbOrTx, ballotId: number, electorId: number) {
  const [elector] = await tx
    .select({ id: ballotElectors.id, areaCenti: ballotElectors.areaCenti, householdId: ballotElectors.householdId })
    .from(ballotElectors)
    .where(and(eq(ballotElectors.id, electorId), eq(ballotElectors.ballotId, ballotId)));
  return elector;
}

/** What a participation row stores besides its ballot and elector. */
export type VoteValues = {
  channel: (typeof ballotVotes.$inferInsert)['channel'];
  castBy: number;
  proxyId: number | null;
  paperNo: string | null;
  receiptHash: string;
  choice: unknown;
};

/** Inserts the elector's vote; its cast time, or undefined when the elector has a vote already. */
export async function insertVoteIfFirst(tx: DbOrTx, ballotId: number, electorId: number, row: VoteValues) {
  const inserted = await tx
    .insert(ballotVotes)
    .values({ ballotId, electorId, ...row })
    .onConflictDoNothing({ target: [ballotVotes.ballotId, ballotVotes.electorId] })
    .returning({ castAt: ballotVotes.castAt });
  return inserted[0]?.castAt;
}

/** The elector's vote, locked FOR UPDATE before it is replaced. */
export async function findVoteForUpdate(tx: DbOrTx, ballotId: number, electorId: number) {
  const [existing] = await tx
    .select({ id: ballotVotes.id, channel: ballotVotes.channel, receiptHash: ballotVotes.receiptHash })
    .from(ballotVotes)
    .where(and(eq(ballotVotes.ballotId, ballotId), eq(ballotVotes.electorId, electorId)))
    .for('update');
  return existing;
}

export async function deleteSecretChoice(tx: DbOrTx, choiceHash: string) {
  await tx.delete(ballotSecretChoices).where(eq(ballotSecretChoices.receiptHash, choiceHash));
}

/** Overwrites a vote, cast again now; the new cast time. */
export async function replaceVote(tx: DbOrTx, voteId: number, row: VoteValues) {
  const [updated] = await tx
    .update(ballotVotes)
    .set({ ...row, castAt: sql`now()` })
    .where(eq(ballotVotes.id, voteId))
    .returning({ castAt: ballotVotes.castAt });
  return updated!.castAt;
}

export async function insertSecretChoice(tx: DbOrTx, ballotId: number, choiceHash: string, choice: unknown) {
  await tx.insert(ballotSecretChoices).values({ ballotId, receiptHash: choiceHash, choice });
}

/** One vote of a batch as castFirstVotes writes it (hashes computed, measures decided). */
export type FirstVoteRow = {
  ballotId: number;
  electorId: number;
  channel: string;
  castBy: number;
  proxyId: number | null;
  paperNo: string | null;
  receiptHash: string;
  choiceHash: string;
  /** The choice as JSON text. */
  choice: string;
  withArea: boolean;
  withHousehold: boolean;
};

const dialect = new PgDialect();
const statementNames = new Map<string, string>();

/**
 * Runs `query` as a named prepared statement when `db` is the pool (its own commit): parsed and
 * planned once per connection instead of on every batch. Planning the set statement below cost
 * PostgreSQL about 0.5 ms per batch (pg_stat_statements, 2026-12-06), a sixth of its CPU per vote.
 * Inside a transaction (`db` has no pool of its own) it runs unprepared on the transaction's
 * connection. Each SQL text gets its own name.
 */
async function preparedRows<T extends Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<T[]> {
  const pool = (db as unknown as { $client?: pg.Pool }).$client;
  if (!pool) return (await db.execute(query)).rows as T[];
  const { sql: text, params } = dialect.sqlToQuery(query);
  let name = statementNames.get(text);
  if (!name) statementNames.set(text, (name = `casting_${statementNames.size + 1}`));
  const result = await pool.query({ name, text, values: params });
  return result.rows as T[];
}

/**
 * castFirstVotes' one statement: locks the open ballots among `ballotIds` FOR KEY SHARE, inserts the
 * rows whose elector is in the snapshot and has not voted, their log entries and secret choices (in
 * random order), and NOTIFYs `turnout` once per ballot written. Returns the rows written. On the pool
 * (the writer's own commit) it runs prepared (preparedRows).
 */
export async function insertFirstVotes(tx: DbOrTx, ballotIds: readonly number[], votes: readonly FirstVoteRow[]) {
  const column = <T>(of: (vote: FirstVoteRow) => T) => sql.param(votes.map(of));
  return preparedRows<{ ballot_id: number; elector_id: number; cast_at: Date | string }>(
    tx,
    sql`
    -- clock_timestamp(), not the app's clock: the last word on a vote queued before closesAt (cast.ts).
    with open_ballots as (
      select id, secrecy = 'secret' as secret from ${ballots}
      where id = any(${sql.param(ballotIds)}::int[]) and ${ballotTakesVotesSql(sql`clock_timestamp()`)}
      order by id for key share
    ), input as (
      select t.*, b.secret from unnest(
        ${column((v) => v.ballotId)}::int[], ${column((v) => v.electorId)}::int[],
        ${column((v) => v.channel)}::text[], ${column((v) => v.castBy)}::int[],
        ${column((v) => v.proxyId)}::int[], ${column((v) => v.paperNo)}::text[],
        ${column((v) => v.receiptHash)}::text[], ${column((v) => v.choiceHash)}::text[],
        ${column((v) => v.choice)}::jsonb[],
        ${column((v) => v.withArea)}::bool[],
        ${column((v) => v.withHousehold)}::bool[]
      ) as t(ballot_id, elector_id, channel, cast_by, proxy_id, paper_no, receipt_hash, choice_hash, choice,
             with_area, with_household)
      join open_ballots b on b.id = t.ballot_id
    ), voted as (
      insert into ${ballotVotes} (ballot_id, elector_id, channel, cast_by, proxy_id, paper_no, receipt_hash, choice)
      select i.ballot_id, i.elector_id, i.channel, i.cast_by, i.proxy_id, i.paper_no, i.receipt_hash,
        case when i.secret then null else i.choice end
      from input i join ${ballotElectors} e on e.id = i.elector_id and e.ballot_id = i.ballot_id
      order by i.ballot_id, i.elector_id
      on conflict (ballot_id, elector_id) do nothing
      returning ballot_id, elector_id, cast_at
    ), logged as (
      insert into ${ballotLog} (ballot_id, account_id, action, payload)
      select i.ballot_id, i.cast_by, 'vote.cast',
        jsonb_build_object('electorId', i.elector_id, 'channel', i.channel, 'replaced', false)
          || case when i.secret then '{}'::jsonb else jsonb_build_object('choice', i.choice) end
      from voted v join input i using (ballot_id, elector_id)
    ), secret as (
      insert into ${ballotSecretChoices} (ballot_id, receipt_hash, choice)
      select i.ballot_id, i.choice_hash, i.choice || jsonb_build_object(
        'area', case when i.with_area then e.area_centi::text else '0' end,
        'householdId', case when i.with_household then e.household_id end)
      from voted v join input i using (ballot_id, elector_id) join ${ballotElectors} e on e.id = i.elector_id
      where i.secret
      order by random()
    ), signalled as (
      select ${ballotSignalSql(sql`d.ballot_id`, 'turnout')}
      from (select distinct ballot_id from voted) d
    )
    -- The scalar subquery runs once, with the first row: no vote written, no signal.
    select ballot_id, elector_id, cast_at, (select count(*) from signalled) as signals from voted`,
  );
}

/** The group-commit writer's per-vote SAVEPOINT, releasing the previous one in the same round trip. */
export async function setVoteSavepoint(tx: DbOrTx, releasePrevious: boolean) {
  await tx.execute(sql.raw(releasePrevious ? 'release savepoint vote; savepoint vote' : 'savepoint vote'));
}

export async function rollbackToVoteSavepoint(tx: DbOrTx) {
  await tx.execute(sql.raw('rollback to savepoint vote'));
}

/** A ballot's snapshot as elector id → the residents it lists (one query). */
export async function electorResidentRows(db: DbOrTx, ballotId: number) {
  const { rows } = await db.execute<{ id: number; resident_ids: number[] }>(
    sql`select id, resident_ids from ${ballotElectors} where ballot_id = ${ballotId} order by id`,
  );
  return rows;
}

/** The participation row a receipt's hash names on this ballot. */
export async function voteByReceiptHash(db: DbOrTx, ballotId: number, receiptHash: string) {
  const [vote] = await db
    .select({ channel: ballotVotes.channel, choice: ballotVotes.choice })
    .from(ballotVotes)
    .where(and(eq(ballotVotes.ballotId, ballotId), eq(ballotVotes.receiptHash, receiptHash)));
  return vote;
}

/** The secret choice a receipt's choice hash keys on this ballot. */
export async function secretChoiceByHash(db: DbOrTx, ballotId: number, choiceHash: string) {
  const [secret] = await db
    .select({ choice: ballotSecretChoices.choice })
    .from(ballotSecretChoices)
    .where(and(eq(ballotSecretChoices.ballotId, ballotId), eq(ballotSecretChoices.receiptHash, choiceHash)));
  return secret;
}
