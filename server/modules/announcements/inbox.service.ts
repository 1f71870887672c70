import type { Actor } from '../../../domain/access';
import { renderNotification } from '../../../domain/messaging/notification-render';
import type { NotificationLocale } from '../../../domain/messaging/notification-texts';
import type { Db, DbOrTx } from '../../db/client';
import { notFound } from '../../errors';
import {
  countUnreadInboxItems,
  insertResidentInvitationItems,
  latestInboxItems,
  lockInbox,
  markInboxItemRead,
} from './inbox.repository';

/**
 * Residents invited before they had an account get their invitation items on first look: one item
 * per matter whose invitation names their resident record. Serialised per account (advisory lock),
 * so two tabs opening the inbox at once add each item once.
 */
async function deliverResidentInvitations(tx: DbOrTx, actor: Actor) {
  if (actor.residentId === null) return;
  await lockInbox(tx, actor.accountId);
  await insertResidentInvitationItems(tx, actor.accountId, actor.residentId);
}

/**
 * The actor's latest inbox items (newest first) and how many are unread. An item that delivers a
 * notification is worded from its action and parameters in the reader's language; older items and
 * invitations keep the Chinese text they were stored with.
 */
export async function readInbox(db: Db, actor: Actor, locale: NotificationLocale = 'zh-CN') {
  await db.transaction((tx) => deliverResidentInvitations(tx, actor));
  const [items, unread] = await Promise.all([
    latestInboxItems(db, actor.accountId),
    countUnreadInboxItems(db, actor.accountId),
  ]);
  return {
    items: items.map(({ item: i, action, params, target }) => ({
      ...((action && params && renderNotification(action, params, locale, target ?? undefined)) || {
        title: i.title,
        body: i.body,
      }),
      id: i.id,
      matterId: i.matterId,
      kind: i.kind,
      link: i.link,
      isRead: i.isRead,
      createdAt: i.createdAt.toISOString(),
    })),
    unread,
  };
}

/** Marks one of the actor's own items read; another account's item answers as missing. */
export async function markRead(db: Db, actor: Actor, id: number) {
  const row = await markInboxItemRead(db, actor.accountId, id);
  if (!row) throw notFound('inboxItem');
  return { id: row.id, isRead: true as const };
}
