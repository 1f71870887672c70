import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NotificationSettingsBodySchema, NotificationSettingsReplySchema } from '../../../contracts/notifications';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { changeNotificationSettings, readNotificationSettings } from './notifications.service';

const tags = ['notifications'];

/** 我的设置: the signed-in person's notification channels per kind. Each person reads and sets only their own. */
export const notificationRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    '/account/notification-settings',
    { schema: { tags, response: { 200: NotificationSettingsReplySchema } } },
    async (request) => readNotificationSettings(db, requireActor(request)),
  );

  app.put(
    '/account/notification-settings',
    { schema: { tags, body: NotificationSettingsBodySchema, response: { 200: NotificationSettingsReplySchema } } },
    async (request) => changeNotificationSettings(db, requireActor(request), request.body),
  );
};
