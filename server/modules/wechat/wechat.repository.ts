import { and, eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { wechatBindings, wechatOauthStates } from '../../db/schema';

export type WechatBindingRow = typeof wechatBindings.$inferSelect;

export async function findWechatBinding(db: DbOrTx, accountId: number): Promise<WechatBindingRow | undefined> {
  const [row] = await db.select().from(wechatBindings).where(eq(wechatBindings.accountId, accountId));
  return row;
}

/** The account the openid is bound to, if any. */
export async function findAccountOfOpenid(db: DbOrTx, openid: string): Promise<number | undefined> {
  const [row] = await db
    .select({ accountId: wechatBindings.accountId })
    .from(wechatBindings)
    .where(eq(wechatBindings.openid, openid));
  return row?.accountId;
}

/** Binds (or rebinds) the account's WeChat; an openid bound elsewhere raises the unique violation. */
export async function upsertWechatBinding(
  db: DbOrTx,
  row: { accountId: number; openid: string; boundAt: Date },
): Promise<WechatBindingRow> {
  const [saved] = await db
    .insert(wechatBindings)
    .values(row)
    .onConflictDoUpdate({
      target: wechatBindings.accountId,
      set: { openid: row.openid, boundAt: row.boundAt, unfollowedAt: null },
    })
    .returning();
  return saved!;
}

export async function deleteWechatBinding(db: DbOrTx, accountId: number): Promise<void> {
  await db.delete(wechatBindings).where(eq(wechatBindings.accountId, accountId));
}

/** WeChat said the resident no longer follows the official account (43004). */
export async function markWechatUnfollowed(db: DbOrTx, accountId: number, openid: string, at: Date): Promise<void> {
  await db
    .update(wechatBindings)
    .set({ unfollowedAt: at })
    .where(and(eq(wechatBindings.accountId, accountId), eq(wechatBindings.openid, openid)));
}

/** Removes the binding only if it still holds this openid (a rebind meanwhile stays). */
export async function deleteWechatBindingOf(db: DbOrTx, accountId: number, openid: string): Promise<void> {
  await db
    .delete(wechatBindings)
    .where(and(eq(wechatBindings.accountId, accountId), eq(wechatBindings.openid, openid)));
}

/** Records a started authorisation; drops every expired one on the way (the table stays tiny). */
export async function insertOauthState(
  db: DbOrTx,
  row: { stateHash: string; accountId: number; sessionHash: string; expiresAt: Date },
  now: Date,
): Promise<void> {
  await db.delete(wechatOauthStates).where(lt(wechatOauthStates.expiresAt, now));
  await db.insert(wechatOauthStates).values(row);
}

/** Takes a state out (single use: a second take of the same state finds nothing). */
export async function takeOauthState(
  db: DbOrTx,
  stateHash: string,
): Promise<{ accountId: number; sessionHash: string; expiresAt: Date } | undefined> {
  const [row] = await db.delete(wechatOauthStates).where(eq(wechatOauthStates.stateHash, stateHash)).returning({
    accountId: wechatOauthStates.accountId,
    sessionHash: wechatOauthStates.sessionHash,
    expiresAt: wechatOauthStates.expiresAt,
  });
  return row;
}
