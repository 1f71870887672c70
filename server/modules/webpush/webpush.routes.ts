import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ChannelTestReplySchema,
  PushSubscriptionBodySchema,
  PushUnsubscribeBodySchema,
  WebpushStatusSchema,
} from '../../../contracts/channels';
import { TEST_MESSAGE_KIND } from '../../../domain/messaging/channels';
import type { AppDeps } from '../../deps';
import { localeFrom, translate } from '../../i18n/messages';
import { requireActor } from '../../plugins/session';
import { loadVapidKeys } from './vapid-keys';
import { deliverWebpush, subscribePush, unsubscribePush, webpushStatus } from './webpush.service';

const tags = ['webpush'];
const testRateLimit = { rateLimit: { max: 20, timeWindow: '1 minute' } };

/** The VAPID public key (anyone may read it) and the logged-in account's own browsers. */
export const webpushRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const config = deps.config.webpush;

  app.get(
    '/webpush/public-key',
    { schema: { tags, response: { 200: z.object({ publicKey: z.string() }) } } },
    async () => ({ publicKey: loadVapidKeys(config.keyFile).publicKey }),
  );

  app.get('/account/webpush', { schema: { tags, response: { 200: WebpushStatusSchema } } }, async (request) => {
    const actor = requireActor(request);
    return webpushStatus(db, config, actor.accountId);
  });

  app.post(
    '/account/webpush/subscriptions',
    { schema: { tags, body: PushSubscriptionBodySchema, response: { 200: WebpushStatusSchema } } },
    async (request) => {
      const actor = requireActor(request);
      return subscribePush(db, config, actor.accountId, request.body);
    },
  );

  app.delete(
    '/account/webpush/subscriptions',
    { schema: { tags, body: PushUnsubscribeBodySchema, response: { 200: WebpushStatusSchema } } },
    async (request) => {
      const actor = requireActor(request);
      return unsubscribePush(db, config, actor.accountId, request.body.endpoint);
    },
  );

  app.post(
    '/account/webpush/test',
    { config: testRateLimit, schema: { tags, response: { 200: ChannelTestReplySchema } } },
    async (request) => {
      const actor = requireActor(request);
      const locale = localeFrom(request.headers['accept-language']);
      const outcome = await deliverWebpush(db, config, actor.accountId, {
        kind: TEST_MESSAGE_KIND,
        title: translate(locale, 'channels.test_title'),
        body: translate(locale, 'channels.test_body'),
        url: '/account/channels',
      });
      return { outcome };
    },
  );
};
