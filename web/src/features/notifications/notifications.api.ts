import { api } from '../../api/client';
import type {
  NotificationSetting,
  NotificationSettingsBody,
  NotificationSettingsReply,
} from '../../../../contracts/notifications';

export type { NotificationSetting, NotificationSettingsReply };

/** 我的设置: the signed-in person's notification channels per kind. */
export const notificationsApi = {
  settings: () => api.get<NotificationSettingsReply>('/account/notification-settings'),
  changeSettings: (settings: NotificationSettingsBody['settings']) =>
    api.put<NotificationSettingsReply>('/account/notification-settings', {
      settings,
    } satisfies NotificationSettingsBody),
};
