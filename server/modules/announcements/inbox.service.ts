import { and, count, desc, eq } from 'drizzle-orm';
import type { Actor } from '../../../domain/access';
import type { Db } from '../../db/client';
import { inboxItems } from '../../db/schema';
import { notFound } from '../../errors';

/** The actor's latest inbox items (newest first) and how many are unread. */
export async function readInbox(db: Db, actor: Actor) {
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
