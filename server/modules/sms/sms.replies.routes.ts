import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isOptOutReply } from '../../../domain/messaging';
import { normalisePhone, PHONE_PATTERN } from '../../../domain/people/phone';
import type { AppDeps } from '../../deps';
import { notFound } from '../../errors';
import { sha256 } from '../../hash';
import { declineTextsFrom } from './sms.service';

/**
 * One pushed reply. Alibaba Cloud (SmsUpReport): `phone_number`, `content`; Tencent Cloud (回复短信
 *回调): `mobile`, `text`. Both push JSON, one object or an array of them.
 */
const pushedReply = z.looseObject({
  phone_number: z.string().optional(),
  mobile: z.string().optional(),
  content: z.string().optional(),
  text: z.string().optional(),
});
const repliesBody = z.union([z.array(pushedReply).max(1000), pushedReply]);
const repliesQuery = z.object({ token: z.string().max(200).default('') });
/** Both providers' documented acknowledgement in one body: Alibaba reads `code`, Tencent `result`. */
const ack = z.object({ code: z.literal(0), msg: z.string(), result: z.literal(0), errmsg: z.string() });

const digest = (s: string) => Buffer.from(sha256(s), 'hex');

/**
 * Replies pushed by the provider (上行短信): `POST /callbacks/sms/replies?token=<YISHI_SMS_REPLY_TOKEN>`.
 * Outside /api (providers send no CSRF header) and the token in the query (request logs drop it).
 * A reply of TD/退订 sets the opt-out flag of every resident with that number and stops their queued texts.
 */
export const smsRepliesRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db, config } = deps;
  const expected = config.sms.replyToken;

  app.post(
    '/sms/replies',
    { schema: { hide: true, querystring: repliesQuery, body: repliesBody, response: { 200: ack } } },
    async (request) => {
      if (!expected || !timingSafeEqual(digest(request.query.token), digest(expected))) throw notFound('page');
      const replies = Array.isArray(request.body) ? request.body : [request.body];
      const phones = [
        ...new Set(
          replies
            .filter((r) => isOptOutReply(r.content ?? r.text ?? ''))
            .map((r) => normalisePhone(r.phone_number ?? r.mobile ?? ''))
            .filter((p) => PHONE_PATTERN.test(p)),
        ),
      ];
      if (phones.length > 0) {
        const declined = await declineTextsFrom(db, phones);
        request.log.info({ replies: replies.length, declined }, 'SMS opt-out replies');
      }
      return { code: 0 as const, msg: '成功', result: 0 as const, errmsg: 'OK' };
    },
  );
};
