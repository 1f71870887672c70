import { and, count, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { pushSubscriptions } from '../../db/schema';

export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;

export async function listPushSubscriptions(db: DbOrTx, accountId: number): Promise<PushSubscriptionRow[]> {
  return db.select().from(pushSubscriptions).where(eq(pushSubscriptions.accountId, accountId));
}

export async function countPushSubscriptions(db: DbOrTx, accountId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.accountId, accountId));
  return row?.n ?? 0;
}

/**
 * Saves a browser's subscription for the account. The same endpoint again (a browser re-subscribing,
 * or another account logging in on that browser) replaces the keys and the owner: one browser, one owner.
 */
export async function upsertPushSubscription(
  db: DbOrTx,
  row: { accountId: number; endpoint: string; p256dh: string; auth: string },
): Promise<void> {
  await db
    .insert(pushSubscriptions)
    .values(row)
    .onConflictDoUpdate({
      target: pushSubscriptions.endpoint,
      set: { accountId: row.accountId, p256dh: row.p256dh, auth: row.auth },
    });
}

/** Whether this endpoint is already this account's (re-subscribing does not count towards the cap). */
export async function hasPushSubscription(db: DbOrTx, accountId: number, endpoint: string): Promise<boolean> {
  const [row] = await db
    .select({ id: pushSubscriptions.id })
    .from(pushSubscriptions)
    .where(and(eq(pushSubscriptions.accountId, accountId), eq(pushSubscriptions.endpoint, endpoint)));
  return row !== undefined;
}

export async function deletePushSubscription(db: DbOrTx, accountId: number, endpoint: string): Promise<void> {
  await db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.accountId, accountId), eq(pushSubscriptions.endpoint, endpoint)));
}

/** A push service said the subscription is gone (404/410). */
export async function deletePushSubscriptionById(db: DbOrTx, id: number): Promise<void> {
  await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, id));
}
