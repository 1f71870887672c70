/** One notification service fed by the matters' chains: rules in domain/messaging, channels registered here. */
export { deriveNotifications, type ChainEntryWritten } from './notifications.derive';
export { deliverPendingNotifications, type NotificationRun } from './notifications.jobs';
export {
  channelNamed,
  inboxChannel,
  notificationLink,
  registerNotificationChannel,
  registeredChannels,
  smsChannel,
  unregisterNotificationChannel,
  type ChannelOutcome,
  type NotificationChannel,
  type NotificationMessage,
} from './notifications.channels';
export { notificationRoutes } from './notifications.routes';
export { registerExternalChannels } from './external-channels';
