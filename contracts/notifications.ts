import { z } from 'zod';
import { notificationChannels, notificationKinds, switchableChannels } from '../domain/messaging/notifications';

/** 我的设置: which channels reach the signed-in person, per notification kind. */

/** One kind × channel as the settings page shows it; the inbox is always on and locked. */
export const NotificationSettingSchema = z.object({
  kind: z.enum(notificationKinds),
  channel: z.enum(notificationChannels),
  isEnabled: z.boolean(),
  isLocked: z.boolean(),
});
export type NotificationSetting = z.infer<typeof NotificationSettingSchema>;

/** The kinds, the channels this city delivers through (in order) and every kind × channel setting. */
export const NotificationSettingsReplySchema = z.object({
  kinds: z.array(z.enum(notificationKinds)),
  channels: z.array(z.enum(notificationChannels)),
  settings: z.array(NotificationSettingSchema),
});
export type NotificationSettingsReply = z.infer<typeof NotificationSettingsReplySchema>;

/** Switches to store: any number of kind × channel pairs (each at most once); the inbox has no switch. */
export const NotificationSettingsBodySchema = z.object({
  settings: z
    .array(
      z.object({
        kind: z.enum(notificationKinds),
        channel: z.enum(switchableChannels),
        isEnabled: z.boolean(),
      }),
    )
    .min(1)
    .max(notificationKinds.length * switchableChannels.length),
});
export type NotificationSettingsBody = z.infer<typeof NotificationSettingsBodySchema>;
