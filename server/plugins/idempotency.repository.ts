import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { idempotencyKeys } from '../db/schema';

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

/** Removes one account's keys created before `before` (the on-read sweep; the key is the primary key's prefix). */
export async function deleteExpiredIdempotencyKeys(db: DbOrTx, accountId: number, before: Date): Promise<void> {
  await db
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.accountId, accountId), lt(idempotencyKeys.createdAt, before)));
}

/** Reserves a key for a request about to run; false when the account already holds the key. */
export async function reserveIdempotencyKey(
  db: DbOrTx,
  row: Pick<IdempotencyRow, 'accountId' | 'key' | 'method' | 'path' | 'requestHash' | 'createdAt'>,
): Promise<boolean> {
  const inserted = await db
    .insert(idempotencyKeys)
    .values(row)
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  return inserted.length === 1;
}

/** The stored row for an account's key, if any. */
export async function findIdempotencyKey(db: DbOrTx, accountId: number, key: string) {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.accountId, accountId), eq(idempotencyKeys.key, key)));
  return row;
}

/** Completes a reservation with the reply the first request got. */
export async function completeIdempotencyKey(
  db: DbOrTx,
  accountId: number,
  key: string,
  reply: { statusCode: number; responseBody: string },
): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set(reply)
    .where(
      and(eq(idempotencyKeys.accountId, accountId), eq(idempotencyKeys.key, key), isNull(idempotencyKeys.statusCode)),
    );
}

/** Drops a reservation whose request did not finish with a reply worth replaying (so a retry may run). */
export async function releaseIdempotencyKey(db: DbOrTx, accountId: number, key: string): Promise<void> {
  await db
    .delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.accountId, accountId),
        eq(idempotencyKeys.key, key),
        sql`${idempotencyKeys.statusCode} is null`,
      ),
    );
}
