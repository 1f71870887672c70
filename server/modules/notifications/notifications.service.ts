import { isChannelOn, notificationKinds, type NotificationChoice } from '../../../domain/messaging';
import type { Actor } from '../../../domain/access';
import type { NotificationSettingsBody, NotificationSettingsReply } from '../../../contracts/notifications';
import type { Db } from '../../db/client';
import { AppError } from '../../errors';
import { clockNow } from '../../clock';
import { registeredChannels } from './notifications.channels';
import { preferenceRows, upsertPreferences } from './notifications.repository';

/** 我的设置: every kind × delivered channel, with the person's choice or the default. */
export async function readNotificationSettings(db: Db, actor: Actor): Promise<NotificationSettingsReply> {
  const choices: NotificationChoice[] = await preferenceRows(db, actor.accountId);
  const channels = registeredChannels().map((c) => c.name);
  return {
    kinds: [...notificationKinds],
    channels,
    settings: notificationKinds.flatMap((kind) =>
      channels.map((channel) => ({
        kind,
        channel,
        isEnabled: isChannelOn(choices, kind, channel),
        isLocked: channel === 'inbox',
      })),
    ),
  };
}

/**
 * Stores the person's switches. A channel this city does not deliver through, or a pair given twice,
 * is refused (400 naming `settings`) and nothing is stored.
 */
export async function changeNotificationSettings(
  db: Db,
  actor: Actor,
  body: NotificationSettingsBody,
): Promise<NotificationSettingsReply> {
  const delivered = new Set<string>(registeredChannels().map((c) => c.name));
  const unknown = body.settings.find((s) => !delivered.has(s.channel));
  if (unknown) {
    throw new AppError(400, 'notifications.channel_unavailable', {
      field: 'settings',
      params: { channel: unknown.channel },
    });
  }
  const pairs = new Set(body.settings.map((s) => `${s.kind}/${s.channel}`));
  if (pairs.size !== body.settings.length)
    throw new AppError(400, 'notifications.setting_repeated', { field: 'settings' });
  await db.transaction((tx) => upsertPreferences(tx, actor.accountId, body.settings, clockNow()));
  return readNotificationSettings(db, actor);
}
