import { sql, type SQLWrapper } from 'drizzle-orm';
import { check, text } from 'drizzle-orm/pg-core';
import { governances } from '../../domain/governance/governances';

/**
 * The four governances (四治) a subject carries: a text[] in the domain's order (normaliseGovernances),
 * empty when untagged. Matters and formats use it; a later subject (projects) adds the same column and
 * CHECK, so statistics group every subject the same way (`unnest`, empty → untagged).
 */
export function governancesColumn() {
  return text('governances', { enum: governances })
    .array()
    .notNull()
    .default(sql`'{}'::text[]`);
}

/** The CHECK that makes the database refuse a governance the domain does not know. */
export function governancesCheck(name: string, column: SQLWrapper) {
  const known = governances.map((g) => `'${g}'`).join(', ');
  return check(name, sql`${column} <@ array[${sql.raw(known)}]::text[]`);
}
