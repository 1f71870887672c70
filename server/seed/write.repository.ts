import { getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/client';
import {
  accounts,
  councilMembers,
  councils,
  dwellings,
  households,
  organisations,
  ownerships,
  places,
  poolMembers,
  residents,
  roleGrants,
} from '../db/schema';
import type { DemoData } from './build';
import { seededTables, type SeededTable } from './model';

/** Rows per INSERT statement. */
const BATCH = 1000;

/**
 * Inserts rows (keyed like the drizzle table's insert type, ids included) in statements of
 * `BATCH` rows, each `insert … select * from unnest($1::int[], $2::text[], …)`: one array parameter
 * per column. Building a 1,000-row VALUES list through the query builder cost more than PostgreSQL
 * spent storing it (residents: ~1.2 s of 1.9 s); this is a few milliseconds per batch.
 */
async function insertRows(tx: DbOrTx, table: PgTable, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const present = new Set(Object.keys(rows[0]!));
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => present.has(key));
  const names = columns.map(([, c]) => `"${c.name}"`).join(', ');
  // Array-typed columns travel as their text literal (one per row) and are cast back in the select list.
  const types = columns.map(([, c]) => (c.getSQLType().endsWith(']') ? 'text' : c.getSQLType()));
  const selected = columns
    .map(([, c]) => (c.getSQLType().endsWith(']') ? `"${c.name}"::${c.getSQLType()}` : `"${c.name}"`))
    .join(', ');
  for (let i = 0; i < rows.length; i += BATCH) {
    const chunk = rows.slice(i, i + BATCH) as Record<string, unknown>[];
    const arrays = columns.map(([key, c]) =>
      sql.param(chunk.map((row) => (row[key] == null ? null : c.mapToDriverValue(row[key])))),
    );
    const unnest = sql.join(
      arrays.map((param, n) => sql`${param}::${sql.raw(types[n]!)}[]`),
      sql`, `,
    );
    await tx.execute(
      sql`insert into ${table} (${sql.raw(names)}) overriding system value
          select ${sql.raw(selected)} from unnest(${unnest}) as t(${sql.raw(names)})`,
    );
  }
}

/** The highest id of each seeded table, so generated ids continue after them. */
export async function lastIds(tx: DbOrTx): Promise<Record<SeededTable, number>> {
  const columns = seededTables.map((t) => `(select coalesce(max(id), 0) from ${t})::int as ${t}`).join(', ');
  const { rows } = await tx.execute<Record<SeededTable, number>>(sql.raw(`select ${columns}`));
  return rows[0]!;
}

/**
 * Inserts everything with the ids chosen in memory (parents first), then moves each identity
 * sequence past them so later inserts by the app do not collide. The password hash is awaited
 * last, so hashing overlaps the inserts.
 */
export async function writeDemoData(tx: DbOrTx, data: DemoData, passwordHash: Promise<string>): Promise<void> {
  await insertRows(tx, places, data.places);
  await insertRows(tx, dwellings, data.dwellings);
  await insertRows(tx, households, data.households);
  await insertRows(
    tx,
    residents,
    data.residents.map((r) => ({ ...r, isDemo: true })),
  );
  await insertRows(tx, ownerships, data.ownerships);
  await insertRows(tx, organisations, data.organisations);
  await insertRows(tx, poolMembers, data.poolMembers);
  await insertRows(tx, councils, data.councils);
  await insertRows(tx, councilMembers, data.councilMembers);
  const hash = await passwordHash;
  await insertRows(
    tx,
    accounts,
    data.accounts.map((a) => ({ ...a, passwordHash: hash, isDemo: true })),
  );
  await insertRows(tx, roleGrants, data.roleGrants);
  for (const table of seededTables) {
    await tx.execute(
      sql.raw(`select setval(pg_get_serial_sequence('${table}', 'id'), coalesce(max(id), 0) + 1, false) from ${table}`),
    );
  }
}
