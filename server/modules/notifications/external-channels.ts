import type { ChannelOutcome as ExternalOutcome } from '../../../domain/messaging/channels';
import { renderNotification } from '../../../domain/messaging/notification-render';
import type { WebpushConfig, WechatConfig } from '../../config.channels';
import { wechatChannel } from '../wechat';
import { webpushChannel } from '../webpush';
import {
  notificationLink,
  registerNotificationChannel,
  unregisterNotificationChannel,
  type ChannelOutcome,
  type NotificationChannel,
  type NotificationMessage,
} from './notifications.channels';

/** A WeChat or Web Push answer in the notification service's terms: skipped is suppressed, retry is a retry. */
function outcomeOf(outcome: ExternalOutcome): ChannelOutcome {
  if (outcome.result === 'delivered') return { status: 'delivered' };
  if (outcome.result === 'skipped') return { status: 'suppressed' };
  return { status: 'failed', retry: outcome.result === 'retry' };
}

/** What WeChat and the browser show: the notification's Chinese title and body and the page it opens. */
function channelMessageOf(message: NotificationMessage) {
  const text = renderNotification(message.action, message.params, 'zh-CN', message.target) ?? {
    title: message.action,
    body: '',
  };
  return {
    kind: message.kind,
    title: text.title,
    body: text.body,
    url: notificationLink(message),
    matterId: message.matterId,
  };
}

function adapt(channel: ReturnType<typeof wechatChannel> | ReturnType<typeof webpushChannel>): NotificationChannel {
  return {
    name: channel.name,
    inTransaction: false,
    deliver: async (db, accountId, message) =>
      outcomeOf(await channel.deliver(db, accountId, channelMessageOf(message))),
  };
}

/**
 * Plugs WeChat (when the city configured an official account) and Web Push into the notification
 * service, so residents can choose them per kind in 我的设置. Called once per app with its config.
 */
export function registerExternalChannels(config: { wechat: WechatConfig; webpush: WebpushConfig }): void {
  if (config.wechat.isEnabled) registerNotificationChannel(adapt(wechatChannel(config.wechat)));
  else unregisterNotificationChannel('wechat');
  registerNotificationChannel(adapt(webpushChannel(config.webpush)));
}
