import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/access';
import type { Db, DbOrTx } from '../../db/client';
import { inboxItems, invitations, matters } from '../../db/schema';
import { notFound } from '../../errors';

/**
 * Residents invited before they had an account get their invitation items on first look: one item
 * per matter whose invitation names their resident record. Serialised per account (advisory lock),
 * so two tabs opening the inbox at once add each item once.
 */
async function deliverResidentInvitations(tx: DbOrTx, actor: Actor) {
  if (actor.residentId === null) return;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('inbox'), ${actor.accountId})`);
  await tx.execute(sql`
    insert into ${inboxItems} (account_id, matter_id, kind, title, body)
    select ${actor.accountId}::int, i.matter_id, 'invitation', '议事邀约：' || m.title, '请在事项页面答复是否参加。'
    from ${invitations} i join ${matters} m on m.id = i.matter_id
    where i.resident_id = ${actor.residentId} and i.account_id is null
      and not exists (select 1 from ${inboxItems} x
        where x.account_id = ${actor.accountId} and x.matter_id = i.matter_id and x.kind = 'invitation')`);
}

/** The actor's latest inbox items (newest first) and how many are unread. */
export async function readInbox(db: Db, actor: Actor) {
  await db.transaction((tx) => deliverResidentInvitations(tx, actor));
  const mine = eq(inboxItems.accountId, actor.accountId);
  const [items, [unread]] = await Promise.all([
    db.select().from(inboxItems).where(mine).orderBy(desc(inboxItems.createdAt), desc(inboxItems.id)).limit(100),
    db
      .select({ n: count() })
      .from(inboxItems)
      .where(and(mine, eq(inboxItems.isRead, false))),
  ]);
  return {
    items: items.map((i) => ({
      id: i.id,
      matterId: i.matterId,
      kind: i.kind,
      title: i.title,
      body: i.body,
      isRead: i.isRead,
      createdAt: i.createdAt.toISOString(),
    })),
    unread: unread?.n ?? 0,
  };
}

/** Marks one of the actor's own items read; another account's item answers as missing. */
export async function markRead(db: Db, actor: Actor, id: number) {
  const [row] = await db
    .update(inboxItems)
    .set({ isRead: true })
    .where(and(eq(inboxItems.id, id), eq(inboxItems.accountId, actor.accountId)))
    .returning({ id: inboxItems.id });
  if (!row) throw notFound('inbox item');
  return { id: row.id, isRead: true as const };
}
