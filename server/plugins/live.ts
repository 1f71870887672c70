import { EventEmitter } from 'node:events';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type pg from 'pg';
import type { Db } from '../db/client';

export type MatterSignal = { matterId: number; seq: number; action: string };

declare module 'fastify' {
  interface FastifyInstance {
    /** Matter changes from every app process, delivered by PostgreSQL LISTEN/NOTIFY. */
    matterSignals: EventEmitter<{ signal: [MatterSignal] }>;
  }
}

/**
 * Holds one connection that LISTENs on `matter_events` (notified by appendMatterEvent at commit), so
 * a change made through any app process reaches the live pages served by this one.
 */
export const livePlugin = fp(async (app: FastifyInstance, opts: { db: Db }) => {
  const signals = new EventEmitter<{ signal: [MatterSignal] }>();
  signals.setMaxListeners(0);
  app.decorate('matterSignals', signals);
  const pool = (opts.db as unknown as { $client: pg.Pool }).$client;
  let client: pg.PoolClient | undefined;
  let isClosing = false;

  const connect = async () => {
    client = await pool.connect();
    client.on('notification', (message) => {
      if (message.channel !== 'matter_events' || !message.payload) return;
      signals.emit('signal', JSON.parse(message.payload) as MatterSignal);
    });
    client.on('error', () => {
      // The server went away: reconnect after a pause, unless we are shutting down.
      client?.release(true);
      client = undefined;
      if (!isClosing) setTimeout(() => void connect().catch(() => undefined), 1000);
    });
    await client.query('listen matter_events');
  };
  await connect();
  app.addHook('onClose', async () => {
    isClosing = true;
    signals.removeAllListeners();
    if (client) {
      await client.query('unlisten *').catch(() => undefined);
      client.release();
    }
  });
});
