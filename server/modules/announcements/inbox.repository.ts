import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { inboxItems, invitations, matters, notifications } from '../../db/schema';

/** Serialises inbox deliveries to one account until the transaction ends. */
export async function lockInbox(tx: DbOrTx, accountId: number) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('inbox'), ${accountId})`);
}

/** One invitation item per matter whose account-less invitation names the resident, unless it has one. */
export async function insertResidentInvitationItems(tx: DbOrTx, accountId: number, residentId: number) {
  await tx.execute(sql`
    insert into ${inboxItems} (account_id, matter_id, kind, title, body)
    select ${accountId}::int, i.matter_id, 'invitation', '议事邀约：' || m.title, '请在事项页面答复是否参加。'
    from ${invitations} i join ${matters} m on m.id = i.matter_id
    where i.resident_id = ${residentId} and i.account_id is null
      and not exists (select 1 from ${inboxItems} x
        where x.account_id = ${accountId} and x.matter_id = i.matter_id and x.kind = 'invitation')`);
}

/** Delivers inbox items (one row each); callers write them in the transaction of what they tell. */
export async function insertInboxItems(tx: DbOrTx, items: (typeof inboxItems.$inferInsert)[]) {
  if (items.length) await tx.insert(inboxItems).values(items);
}

/** The account's latest 100 items, newest first. */
/** The latest items, each with the action, parameters and target of the notification it delivers (if any). */
export async function latestInboxItems(db: DbOrTx, accountId: number) {
  return db
    .select({
      item: inboxItems,
      action: notifications.action,
      params: notifications.params,
      target: notifications.target,
    })
    .from(inboxItems)
    .leftJoin(notifications, eq(notifications.id, inboxItems.notificationId))
    .where(eq(inboxItems.accountId, accountId))
    .orderBy(desc(inboxItems.createdAt), desc(inboxItems.id))
    .limit(100);
}

export async function countUnreadInboxItems(db: DbOrTx, accountId: number) {
  const [row] = await db
    .select({ n: count() })
    .from(inboxItems)
    .where(and(eq(inboxItems.accountId, accountId), eq(inboxItems.isRead, false)));
  return row?.n ?? 0;
}

/** Marks the account's own item read; undefined when it has no such item. */
export async function markInboxItemRead(db: DbOrTx, accountId: number, id: number) {
  const [row] = await db
    .update(inboxItems)
    .set({ isRead: true })
    .where(and(eq(inboxItems.id, id), eq(inboxItems.accountId, accountId)))
    .returning({ id: inboxItems.id });
  return row;
}
