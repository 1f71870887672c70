import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { dwellings, households, places } from '../../db/schema';
import { AppError } from '../../errors';

/*
 * A city's import writes a million residents whose places, dwellings and households it has already
 * looked up. PostgreSQL's foreign keys would check each of them again, one internal query a row (about
 * 60 % of the database's writing; docs/benchmarks.md). Where the database lets the app's role set
 * `session_replication_role`, the import instead locks each chunk's parents once (`for key share`, the
 * lock a foreign-key check takes) and writes with the per-row checks off: a parent deleted since its
 * look-up fails the import (409) as the check would, and one deleted later waits for the import and then
 * fails on the rows that refer to it. Triggers of our own on the tables written that way fire always
 * (migration 0033), so only the referential checks are skipped.
 */

const lockable = { places, dwellings, households } as const;
export type ParentTable = keyof typeof lockable;

/**
 * Whether this role may turn the per-row checks off: a superuser, or a role granted
 * `SET ON PARAMETER session_replication_role` (PostgreSQL ≥ 15; older servers answer no).
 */
export async function maySkipRowChecks(db: DbOrTx): Promise<boolean> {
  try {
    const result = await db.execute<{ ok: boolean }>(
      sql`select has_parameter_privilege('session_replication_role', 'SET') as ok`,
    );
    return result.rows[0]?.ok === true;
  } catch {
    return false;
  }
}

/**
 * Locks these rows of a parent table until the transaction ends, as a foreign-key check would; answers
 * 409 when one of them is gone (deleted since the import looked it up).
 */
export async function lockParents(db: DbOrTx, table: ParentTable, ids: ReadonlySet<number>): Promise<void> {
  if (ids.size === 0) return;
  const target = lockable[table];
  const result = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from (
      select 1 from ${target} where ${target.id} = any(${sql.param([...ids])}::int[]) for key share
    ) locked`);
  if (result.rows[0]!.n !== ids.size) throw new AppError(409, 'conflict', { params: { detail: table } });
}

/**
 * Runs `write` on the transaction with the referential checks off (`session_replication_role` set for
 * this transaction only, and back to `origin` after). Call only with every parent locked first.
 */
export async function withoutRowChecks<T>(tx: DbOrTx, write: () => Promise<T>): Promise<T> {
  await tx.execute(sql`select set_config('session_replication_role', 'replica', true)`);
  const result = await write();
  await tx.execute(sql`select set_config('session_replication_role', 'origin', true)`);
  return result;
}
