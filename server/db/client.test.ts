import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/database';
import { openDatabase } from './client';

describe('openDatabase', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('survives the server ending a connection that is checked out between two statements', async () => {
    const opened = openDatabase(database.url, 2);
    try {
      const client = await opened.pool.connect();
      const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
      // The pool takes its own listener off a checked-out client; without ours the 'error' the
      // client emits below would be uncaught and end the process (vitest reports it as a failure).
      expect(client.listenerCount('error')).toBeGreaterThan(0);
      const ended = new Promise<void>((resolve) => client.once('end', resolve));
      await database.db.execute(sql`select pg_terminate_backend(${rows[0]!.pid})`);
      await ended;
      await expect(client.query('select 1')).rejects.toThrow();
      client.release(true);
      // The pool opens a fresh connection for the next statement.
      const next = await opened.db.execute(sql`select 1 as one`);
      expect(next.rows[0]).toEqual({ one: 1 });
    } finally {
      await opened.close();
    }
  });
});
