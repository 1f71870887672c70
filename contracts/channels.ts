import { z } from 'zod';
import { channelReasons, channelResults, wechatStates } from '../domain/messaging/channels';

/** The account's WeChat card: disabled (本市未开通), unbound, bound, or bound but unfollowed. */
export const WechatStatusSchema = z.object({
  state: z.enum(wechatStates),
  boundAt: z.string().nullable(),
});

/** WeChat's authorize address to send the phone to (state included, bound to this session). */
export const WechatAuthorizeReplySchema = z.object({ authorizeUrl: z.string() });

/** What WeChat appended to the redirect address. */
export const WechatBindingBodySchema = z.object({
  code: z.string().trim().min(1).max(512),
  state: z.string().trim().min(1).max(128),
});

/** How a test message (or any delivery) ended. */
export const ChannelOutcomeSchema = z.object({
  result: z.enum(channelResults),
  reason: z.enum(channelReasons).optional(),
  devices: z.number().int().min(0).optional(),
});
export const ChannelTestReplySchema = z.object({ outcome: ChannelOutcomeSchema });

/** The public VAPID key the browser subscribes with, and how many devices this account has subscribed. */
export const WebpushStatusSchema = z.object({ publicKey: z.string(), devices: z.number().int().min(0) });

/** PushSubscription.toJSON(); the endpoint must be https on a known push service. */
export const PushSubscriptionBodySchema = z.object({
  endpoint: z.string().trim().min(1).max(1000),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({
    p256dh: z.string().trim().min(1).max(200),
    auth: z.string().trim().min(1).max(100),
  }),
});
export const PushUnsubscribeBodySchema = z.object({ endpoint: z.string().trim().min(1).max(1000) });

export type WechatStatusView = z.infer<typeof WechatStatusSchema>;
export type WechatAuthorizeReply = z.infer<typeof WechatAuthorizeReplySchema>;
export type WechatBindingBody = z.infer<typeof WechatBindingBodySchema>;
export type ChannelOutcomeView = z.infer<typeof ChannelOutcomeSchema>;
export type ChannelTestReply = z.infer<typeof ChannelTestReplySchema>;
export type WebpushStatus = z.infer<typeof WebpushStatusSchema>;
export type PushSubscriptionBody = z.infer<typeof PushSubscriptionBodySchema>;
export type PushUnsubscribeBody = z.infer<typeof PushUnsubscribeBodySchema>;
