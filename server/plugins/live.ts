import { EventEmitter } from 'node:events';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type pg from 'pg';
import type { Db } from '../db/client';
import { listenForSignals, unlistenAll, type BallotSignal, type MatterSignal, type SessionSignal } from '../db/notify';

// The NOTIFY writers live beside the LISTEN statements in db/notify.ts; the modules import them from here.
export {
  ballotSignalSql,
  signalBallot,
  signalMatter,
  signalSession,
  type BallotSignal,
  type MatterSignal,
  type SessionSignal,
} from '../db/notify';

declare module 'fastify' {
  interface FastifyInstance {
    /** Matter changes from every app process, delivered by PostgreSQL LISTEN/NOTIFY. */
    matterSignals: EventEmitter<{ signal: [MatterSignal] }>;
    /** Ballot turnout and closing from every app process, on the same LISTEN connection. */
    ballotSignals: EventEmitter<{ signal: [BallotSignal] }>;
    /**
     * Session changes from every app process, and `listening` (true once LISTEN holds, false when the
     * connection is lost): a session cache is trusted only while this process hears them.
     */
    sessionSignals: EventEmitter<{ signal: [SessionSignal]; listening: [boolean] }> & { isListening: boolean };
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
  const sessionSignals = Object.assign(new EventEmitter<{ signal: [SessionSignal]; listening: [boolean] }>(), {
    isListening: false,
  });
  sessionSignals.setMaxListeners(0);
  app.decorate('sessionSignals', sessionSignals);
  const setListening = (isListening: boolean) => {
    if (sessionSignals.isListening === isListening) return;
    sessionSignals.isListening = isListening;
    sessionSignals.emit('listening', isListening);
  };
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
      setListening(false);
      client.release(isBroken);
    };
    listener = { client, release };
    client.on('notification', (message) => {
      if (!message.payload) return;
      if (message.channel === 'matter_events') signals.emit('signal', JSON.parse(message.payload) as MatterSignal);
      if (message.channel === 'ballot_events')
        ballotSignals.emit('signal', JSON.parse(message.payload) as BallotSignal);
      if (message.channel === 'session_events')
        sessionSignals.emit('signal', JSON.parse(message.payload) as SessionSignal);
    });
    const lost = () => {
      // The server went away: drop this connection and listen again after a pause, unless closing.
      if (isReleased) return;
      release(true);
      reconnectLater();
    };
    client.on('error', lost);
    client.on('end', lost);
    await listenForSignals(client);
    if (listener?.client === client) setListening(true);
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
    setListening(false);
    sessionSignals.removeAllListeners();
    const current = listener;
    if (!current) return;
    await unlistenAll(current.client).catch(() => undefined);
    current.release(false);
  });
});
