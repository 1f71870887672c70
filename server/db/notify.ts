import diagnostics from 'node:diagnostics_channel';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import { poolOf, type DbOrTx } from './client';

/** The payload of a `matter_events` notification: a new chain entry of a matter. */
export type MatterSignal = { matterId: number; seq: number; action: string };
/** A ballot's turnout changed (after a committed batch of votes), it moved to counting, or it closed. */
export type BallotSignal = { ballotId: number; kind: 'turnout' | 'counting' | 'closed' };

/**
 * The NOTIFY of a ballot signal, the one writer of `ballot_events`: `ballotId` is a number or a column
 * of the statement it is part of (the vote writer's set-based insert signals every ballot it wrote).
 */
export const ballotSignalSql = (ballotId: number | SQL, kind: BallotSignal['kind']): SQL =>
  sql`pg_notify('ballot_events', json_build_object('ballotId', ${ballotId}::int, 'kind', ${kind}::text)::text)`;

/**
 * Tells every app process that a ballot's turnout changed, it moved to counting or it closed. Call it
 * inside the writing transaction: PostgreSQL delivers it at COMMIT, and not at all on rollback, so a
 * page never hears of a vote that was not stored.
 */
export async function signalBallot(tx: DbOrTx, ballotId: number, kind: BallotSignal['kind']): Promise<void> {
  await tx.execute(sql`select ${ballotSignalSql(ballotId, kind)}`);
}

/** Tells every app process of a new chain entry of a matter (the one writer of `matter_events`); at COMMIT, as signalBallot. */
export async function signalMatter(tx: DbOrTx, signal: MatterSignal): Promise<void> {
  await tx.execute(sql`select pg_notify('matter_events', ${JSON.stringify(signal)})`);
}

/**
 * The payload of a `session_events` notification: what an account's sessions grant changed (grants,
 * active flag, password), or one session (by its token hash) ended. Session caches drop what it names.
 */
export type SessionSignal = { accountId: number } | { tokenHash: string };

/**
 * The same signals, published in this process at once (with the pool whose connection wrote them), so
 * the writing process's own session cache does not wait for the NOTIFY to come back.
 */
export const sessionSignalsHere = diagnostics.channel('yishi.session-signals');
export type LocalSessionSignal = { pool: pg.Pool | undefined; signal: SessionSignal };

/**
 * Tells every app process that what a session grants changed (the one writer of `session_events`):
 * call it in the transaction of every write to sessions, role grants or an account's sign-in state.
 * PostgreSQL delivers it at COMMIT (server/plugins/session.ts drops the cached sessions it names).
 */
export async function signalSession(tx: DbOrTx, signal: SessionSignal): Promise<void> {
  await tx.execute(sql`select pg_notify('session_events', ${JSON.stringify(signal)})`);
  // drizzle keeps the connection of a transaction (or the pool of a plain handle) as `session.client`.
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  const pool = client instanceof pg.Pool ? client : poolOf(client);
  sessionSignalsHere.publish({ pool, signal } satisfies LocalSessionSignal);
}

/** Makes this connection hear every channel (server/plugins/live.ts holds it). */
export async function listenForSignals(client: pg.PoolClient): Promise<void> {
  await client.query('listen matter_events; listen ballot_events; listen session_events');
}

/** Stops this connection hearing any channel, before it goes back to the pool. */
export async function unlistenAll(client: pg.PoolClient): Promise<void> {
  await client.query('unlisten *');
}
