import type { ChannelMessage, ChannelOutcome } from '../../../domain/messaging/channels';
import type { WechatConfig } from '../../config.channels';
import type { Db } from '../../db/client';
import { deliverWechat, wechatStatus } from './wechat.service';

export { wechatRoutes } from './wechat.routes';
export { wechatStatus, type WechatStatus } from './wechat.service';

/**
 * The WeChat channel for the notification service: `deliver` sends one template message to the
 * account's bound WeChat (skipped when the city has not enabled WeChat or the account has not bound).
 */
export function wechatChannel(config: WechatConfig) {
  return {
    name: 'wechat' as const,
    deliver: (db: Db, accountId: number, message: ChannelMessage): Promise<ChannelOutcome> =>
      deliverWechat(db, config, accountId, message),
    status: (db: Db, accountId: number) => wechatStatus(db, config, accountId),
  };
}
