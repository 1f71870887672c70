import { sql } from 'drizzle-orm';
import type { Db } from './client';

/** Fails when the database does not answer `select 1` (the readiness check). */
export async function pingDatabase(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}

/** The `created_at` of the newest applied migration as text (drizzle stores the migration's `when` there), or null. */
export async function newestAppliedMigration(db: Db): Promise<string | null> {
  const { rows } = await db.execute<{ last: string | null }>(
    sql`select max(created_at)::text as last from drizzle.__drizzle_migrations`,
  );
  return rows[0]?.last ?? null;
}
