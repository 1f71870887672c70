import { sql, type SQL } from 'drizzle-orm';
import type pg from 'pg';
import type { DbOrTx } from './client';

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

/** Makes this connection hear both channels (server/plugins/live.ts holds it). */
export async function listenForSignals(client: pg.PoolClient): Promise<void> {
  await client.query('listen matter_events; listen ballot_events');
}

/** Stops this connection hearing any channel, before it goes back to the pool. */
export async function unlistenAll(client: pg.PoolClient): Promise<void> {
  await client.query('unlisten *');
}
