import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { dwellings, households, places } from '../../db/schema';
import { AppError } from '../../errors';

/*
 * A city's import writes a million residents whose places, dwellings and households it has already
 * looked up. PostgreSQL's foreign keys would check each of them again, one internal query a row (about
 * 60 % of the database's writing; docs/benchmarks.md). Where the database lets the app's role set
 * `session_replication_role`, the import instead locks each chunk's parents once (`for key share`, the
 * lock a foreign-key check takes; the three tables in one statement, which also turns the checks off)
 * and writes with the per-row checks off: a parent deleted since its look-up fails the import (409) as
 * the check would, and one deleted later waits for the import and then fails on the rows that refer to
 * it. Triggers of our own on the tables written that way fire always
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

export type ParentIds = Readonly<Record<ParentTable, ReadonlySet<number>>>;

/** `select count(*)` of these rows of a table, each locked `for key share` as it is counted. */
const lockedCount = (table: ParentTable, ids: ReadonlySet<number>) => {
  const target = lockable[table];
  return sql`(select count(*)::int from (
    select 1 from ${target} where ${target.id} = any(${sql.param([...ids])}::int[]) for key share
  ) locked)`;
};

/**
 * Locks these rows of the parent tables until the transaction ends, as a foreign-key check would, in
 * one statement; answers 409 when one of them is gone (deleted since the import looked it up). With
 * `checksOff` the same statement turns the per-row referential checks off for the rest of the
 * transaction or until `rowChecksOn` (`session_replication_role`, set locally): one round trip where a
 * chunk of a city's roster took four.
 */
export async function lockParents(db: DbOrTx, ids: Partial<ParentIds>, checksOff = false): Promise<void> {
  const tables = (Object.keys(lockable) as ParentTable[]).filter((t) => (ids[t]?.size ?? 0) > 0);
  const columns = tables.map((t) => sql`${lockedCount(t, ids[t]!)} as ${sql.identifier(t)}`);
  if (checksOff) columns.push(sql`set_config('session_replication_role', 'replica', true) as role`);
  if (columns.length === 0) return;
  const result = await db.execute<Record<string, number>>(sql`select ${sql.join(columns, sql`, `)}`);
  const counts = result.rows[0]!;
  const short = tables.find((t) => counts[t] !== ids[t]!.size);
  if (short) throw new AppError(409, 'conflict', { params: { detail: short } });
}

/** The per-row referential checks on again (after `lockParents(…, true)`), for the rest of the transaction. */
export async function rowChecksOn(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select set_config('session_replication_role', 'origin', true)`);
}
