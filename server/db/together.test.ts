import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/database';
import type { Database } from './client';
import { readTogether } from './together';

describe('readTogether', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  const slowRead = (db: Parameters<typeof readTogether>[0], label: string) => async () => {
    const { rows } = await db.execute<{ label: string; pid: number }>(
      sql`select ${label}::text as label, pg_backend_pid() as pid from pg_sleep(0.05)`,
    );
    return rows[0]!;
  };

  it('keeps the order of its reads, on the pool and inside a transaction', async () => {
    const { db } = database;
    expect((await readTogether(db, [slowRead(db, 'a'), slowRead(db, 'b')])).map((r) => r.label)).toEqual(['a', 'b']);
    const inTx = await db.transaction(async (tx) => readTogether(tx, [slowRead(tx, 'a'), slowRead(tx, 'b')]));
    expect(inTx.map((r) => r.label)).toEqual(['a', 'b']);
    expect(inTx[0]!.pid).toBe(inTx[1]!.pid);
  });

  it('never queues a second query on a transaction’s connection', async () => {
    const { db } = database;
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      await db.transaction(async (tx) => readTogether(tx, [slowRead(tx, 'a'), slowRead(tx, 'b'), slowRead(tx, 'c')]));
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((m) => m.includes('already executing a query'))).toEqual([]);
  });
});
