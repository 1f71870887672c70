import { PgTransaction } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client';

type Reads = readonly (() => PromiseLike<unknown>)[];

/**
 * Runs independent reads side by side on the pool, and one after another inside a transaction: a
 * transaction holds one connection, which takes one query at a time (pg 9 will refuse queued ones).
 */
export async function readTogether<const T extends Reads>(
  db: DbOrTx,
  reads: T,
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  type Results = { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
  if (!(db instanceof PgTransaction)) return (await Promise.all(reads.map((read) => read()))) as Results;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as Results;
}
