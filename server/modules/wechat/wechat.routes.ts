import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ChannelTestReplySchema,
  WechatAuthorizeReplySchema,
  WechatBindingBodySchema,
  WechatStatusSchema,
} from '../../../contracts/channels';
import { TEST_MESSAGE_KIND } from '../../../domain/messaging/channels';
import type { AppDeps } from '../../deps';
import { localeFrom, translate } from '../../i18n/messages';
import { requireActor, sessionTokenHash } from '../../plugins/session';
import {
  bindWechat,
  deliverWechat,
  startWechatAuthorisation,
  unbindWechat,
  wechatStatus,
  type WechatStatus,
} from './wechat.service';

const tags = ['wechat'];
const present = (status: WechatStatus) => ({ state: status.state, boundAt: status.boundAt?.toISOString() ?? null });
// Each call writes a state or reaches WeChat's API: limited per client like the login routes.
const wechatRateLimit = { rateLimit: { max: 20, timeWindow: '1 minute' } };

/**
 * The logged-in account's own WeChat (any account, as with its password): status, 网页授权 start and
 * finish, unbind, a test message. Nothing here logs the openid.
 */
export const wechatRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const config = deps.config.wechat;

  app.get('/account/wechat', { schema: { tags, response: { 200: WechatStatusSchema } } }, async (request) => {
    const actor = requireActor(request);
    return present(await wechatStatus(db, config, actor.accountId));
  });

  app.post(
    '/account/wechat/authorize',
    { config: wechatRateLimit, schema: { tags, response: { 200: WechatAuthorizeReplySchema } } },
    async (request) => {
      const actor = requireActor(request);
      const authorizeUrl = await startWechatAuthorisation(db, config, {
        accountId: actor.accountId,
        sessionHash: sessionTokenHash(request)!,
      });
      return { authorizeUrl };
    },
  );

  app.post(
    '/account/wechat/binding',
    { config: wechatRateLimit, schema: { tags, body: WechatBindingBodySchema, response: { 200: WechatStatusSchema } } },
    async (request) => {
      const actor = requireActor(request);
      const status = await bindWechat(db, config, {
        accountId: actor.accountId,
        sessionHash: sessionTokenHash(request)!,
        code: request.body.code,
        state: request.body.state,
      });
      return present(status);
    },
  );

  app.delete(
    '/account/wechat/binding',
    { schema: { tags, response: { 200: WechatStatusSchema } } },
    async (request) => {
      const actor = requireActor(request);
      return present(await unbindWechat(db, config, actor.accountId));
    },
  );

  app.post(
    '/account/wechat/test',
    { config: wechatRateLimit, schema: { tags, response: { 200: ChannelTestReplySchema } } },
    async (request) => {
      const actor = requireActor(request);
      const locale = localeFrom(request.headers['accept-language']);
      const outcome = await deliverWechat(db, config, actor.accountId, {
        kind: TEST_MESSAGE_KIND,
        title: translate(locale, 'channels.test_title'),
        body: translate(locale, 'channels.test_body'),
        url: '/account/channels',
      });
      return { outcome };
    },
  );
};
