import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/database';
import type { Database } from './client';
import { preparedRead } from './prepared';

describe('preparedRead', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  const upTo = preparedRead<{ n: number; label: string }, { last: number; label: string }>(
    'test_prepared_up_to',
    sql`select n, ${sql.placeholder('label')}::text as label
        from generate_series(1, ${sql.placeholder('last')}::int) n order by n`,
  );

  it('fills its placeholders on every run, past the runs PostgreSQL plans one by one', async () => {
    // From the sixth run on a connection PostgreSQL may reuse a generic plan: the values still count.
    for (let last = 1; last <= 8; last++) {
      const rows = await upTo(database.db, { last, label: `run ${last}` });
      expect(rows.map((r) => r.n)).toEqual(Array.from({ length: last }, (_, i) => i + 1));
      expect(rows[0]!.label).toBe(`run ${last}`);
    }
  });

  it('runs on the connection of an open transaction', async () => {
    const seen = await database.db.transaction(async (tx) => {
      await tx.execute(sql`create temporary table prepared_probe (x int) on commit drop`);
      const probe = await tx.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`);
      const inside = preparedRead<{ pid: number; probes: number }, Record<string, never>>(
        'test_prepared_in_tx',
        sql`select pg_backend_pid() as pid, (select count(*)::int from prepared_probe) as probes`,
      );
      const [row] = await inside(tx, {});
      return { row, pid: probe.rows[0]!.pid };
    });
    // The temporary table exists only on the transaction's connection.
    expect(seen.row).toEqual({ pid: seen.pid, probes: 0 });
  });

  it('refuses a name given twice', () => {
    expect(() => preparedRead('test_prepared_up_to', sql`select 1`)).toThrow(/defined twice/);
  });
});
