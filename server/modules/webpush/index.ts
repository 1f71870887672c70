import type { ChannelMessage, ChannelOutcome } from '../../../domain/messaging/channels';
import type { WebpushConfig } from '../../config.channels';
import type { Db } from '../../db/client';
import { deliverWebpush, webpushStatus } from './webpush.service';

export { webpushRoutes } from './webpush.routes';
export { loadVapidKeys, type VapidKeys } from './vapid-keys';
export { webpushStatus, type WebpushStatus } from './webpush.service';

/**
 * The Web Push channel for the notification service: `deliver` pushes one notification to every
 * browser the account turned push on in, dropping subscriptions the push service says are gone.
 */
export function webpushChannel(config: WebpushConfig) {
  return {
    name: 'webpush' as const,
    deliver: (db: Db, accountId: number, message: ChannelMessage): Promise<ChannelOutcome> =>
      deliverWebpush(db, config, accountId, message),
    status: (db: Db, accountId: number) => webpushStatus(db, config, accountId),
  };
}
