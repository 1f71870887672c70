import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import { readTogether } from '../db/together';
import { createTestDatabase } from './database';

/** The guard vitest loads before every server test (setupFiles): one query at a time on a pg client. */
describe('the one-query-per-client guard', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  const slow = sql`select pg_sleep(0.05)`;

  it('fails a second query sent on a transaction’s busy connection, rolls back, and names both', async () => {
    const failed = await database.db
      .transaction(async (tx) => Promise.all([tx.execute(slow), tx.execute(sql`select 1`)]))
      .catch((error: unknown) => error);
    const cause = String((failed as { cause?: unknown }).cause ?? failed);
    expect(cause).toContain('a second query on a busy pg client');
    expect(cause).toContain('"select 1" while "select pg_sleep(0.05)" runs');
    expect((await database.db.execute<{ n: number }>(sql`select 2 as n`)).rows).toEqual([{ n: 2 }]);
  });

  it('lets the pool run reads side by side, and readTogether run them in a transaction', async () => {
    const { db } = database;
    expect(await Promise.all([db.execute(slow), db.execute(slow)])).toHaveLength(2);
    const inTx = await db.transaction(async (tx) => readTogether(tx, [() => tx.execute(slow), () => tx.execute(slow)]));
    expect(inTx).toHaveLength(2);
  });
});
