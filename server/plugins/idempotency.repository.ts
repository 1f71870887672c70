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

/**
 * Reserves a key for a request about to run; false when the account already holds the key. A
 * reservation of the same request left without a reply since before `abandonedBefore` (its process
 * died mid-request) is taken over, in the same statement, so the retry runs instead of waiting a week.
 */
export async function reserveIdempotencyKey(
  db: DbOrTx,
  row: Pick<IdempotencyRow, 'accountId' | 'key' | 'method' | 'path' | 'requestHash' | 'createdAt'>,
  abandonedBefore: Date,
): Promise<boolean> {
  const inserted = await db
    .insert(idempotencyKeys)
    .values(row)
    .onConflictDoUpdate({
      target: [idempotencyKeys.accountId, idempotencyKeys.key],
      set: { createdAt: row.createdAt },
      setWhere: and(
        isNull(idempotencyKeys.statusCode),
        eq(idempotencyKeys.requestHash, row.requestHash),
        lt(idempotencyKeys.createdAt, abandonedBefore),
      ),
    })
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

/**
 * Completes reservations with their replies inside the caller's transaction: the vote writer stores
 * each vote's reply in the commit that stores the vote, so a retry whose first answer was lost (the
 * process died after COMMIT) is answered with the original receipt, never "already voted".
 */
export async function completeIdempotencyKeysIn(
  tx: DbOrTx,
  replies: readonly { accountId: number; key: string; statusCode: number; responseBody: string }[],
): Promise<void> {
  if (replies.length === 0) return;
  await tx.execute(sql`
    update ${idempotencyKeys} k set status_code = r.status_code, response_body = r.response_body
    from unnest(${sql.param(replies.map((r) => r.accountId))}::int[], ${sql.param(replies.map((r) => r.key))}::text[],
                ${sql.param(replies.map((r) => r.statusCode))}::smallint[], ${sql.param(replies.map((r) => r.responseBody))}::text[])
      as r(account_id, key, status_code, response_body)
    where k.account_id = r.account_id and k.key = r.key and k.status_code is null`);
}
