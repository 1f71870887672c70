import { EventEmitter } from 'node:events';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type pg from 'pg';
import type { Db } from '../db/client';
import { listenForSignals, unlistenAll, type BallotSignal, type MatterSignal } from '../db/notify';

// The NOTIFY writers live beside the LISTEN statements in db/notify.ts; the modules import them from here.
export { ballotSignalSql, signalBallot, signalMatter, type BallotSignal, type MatterSignal } from '../db/notify';

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
    await listenForSignals(client);
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
    await unlistenAll(current.client).catch(() => undefined);
    current.release(false);
  });
});
