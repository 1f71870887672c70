import { EventEmitter } from 'node:events';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sql, type SQL } from 'drizzle-orm';
import type pg from 'pg';
import type { Db, DbOrTx } from '../db/client';

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

declare module 'fastify' {
  interface FastifyInstance {
    /** Matter changes from every app process, delivered by PostgreSQL LISTEN/NOTIFY. */
    matterSignals: EventEmitter<{ signal: [MatterSignal] }>;
    /** Ballot turnout and closing from every app process, on the same LISTEN connection. */
    ballotSignals: EventEmitter<{ signal: [BallotSignal] }>;
  }
}

/**
 * Holds one connection that LISTENs on `matter_events` (notified by appendMatterEvent at commit) and
 * `ballot_events` (notified by the vote writer and closing), so a change made through any app process
 * reaches the live pages served by this one.
 */
export const livePlugin = fp(async (app: FastifyInstance, opts: { db: Db }) => {
  const signals = new EventEmitter<{ signal: [MatterSignal] }>();
  signals.setMaxListeners(0);
  app.decorate('matterSignals', signals);
  const ballotSignals = new EventEmitter<{ signal: [BallotSignal] }>();
  ballotSignals.setMaxListeners(0);
  app.decorate('ballotSignals', ballotSignals);
  const pool = (opts.db as unknown as { $client: pg.Pool }).$client;
  let listener: { client: pg.PoolClient; release: (isBroken: boolean) => void } | undefined;
  let isClosing = false;

  const connect = async (): Promise<void> => {
    const client = await pool.connect();
    if (isClosing) {
      // The app closed while this (re)connect was under way: nobody would release it later.
      client.release();
      return;
    }
    let isReleased = false;
    const release = (isBroken: boolean) => {
      if (isReleased) return;
      isReleased = true;
      if (listener?.client === client) listener = undefined;
      client.release(isBroken);
    };
    listener = { client, release };
    client.on('notification', (message) => {
      if (!message.payload) return;
      if (message.channel === 'matter_events') signals.emit('signal', JSON.parse(message.payload) as MatterSignal);
      if (message.channel === 'ballot_events')
        ballotSignals.emit('signal', JSON.parse(message.payload) as BallotSignal);
    });
    client.on('error', () => {
      // The server went away: drop this connection and listen again after a pause, unless closing.
      release(true);
      reconnectLater();
    });
    await client.query('listen matter_events; listen ballot_events');
  };
  // Keeps trying (every second) until the server is back: an outage longer than one retry must not
  // leave this process deaf to other processes' changes.
  const reconnectLater = () => {
    if (!isClosing) setTimeout(() => void connect().catch(reconnectLater), 1000).unref();
  };
  await connect();
  app.addHook('onClose', async () => {
    isClosing = true;
    signals.removeAllListeners();
    ballotSignals.removeAllListeners();
    const current = listener;
    if (!current) return;
    await current.client.query('unlisten *').catch(() => undefined);
    current.release(false);
  });
});
