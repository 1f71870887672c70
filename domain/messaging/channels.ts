/**
 * Delivery channels beyond the inbox and SMS: a WeChat official account's template messages and the
 * browser's Web Push. The notification service hands each a ChannelMessage and reads a ChannelOutcome.
 */

/** What one channel card shows (the web adds `unsupported` when the browser lacks Web Push). */
export const wechatStates = ['disabled', 'unbound', 'bound', 'unfollowed'] as const;
export type WechatState = (typeof wechatStates)[number];

/** How one delivery attempt ended: delivered, nothing to deliver to, try again later, or given up. */
export const channelResults = ['delivered', 'skipped', 'retry', 'failed'] as const;
export type ChannelResult = (typeof channelResults)[number];

/** Why a delivery was skipped, is to be retried or failed. */
export const channelReasons = [
  /** The city has not configured the channel. */
  'disabled',
  /** The account has no binding or no subscribed device. */
  'not_bound',
  /** The resident no longer follows the official account (WeChat 43004). */
  'unfollowed',
  /** The openid is not one of this official account's (WeChat 40003): the binding was removed. */
  'invalid_recipient',
  /** The provider limits sends for now (WeChat 45009). */
  'rate_limited',
  /** The provider did not answer or answered with a server error. */
  'unavailable',
  /** App id or secret refused: the operator must fix the settings. */
  'credentials',
  /** The template id or its fields were refused. */
  'template',
] as const;
export type ChannelReason = (typeof channelReasons)[number];

/** One notification as a channel delivers it; `url` is an app path such as /matters/12. */
export type ChannelMessage = { kind: string; title: string; body: string; url: string; matterId?: number };

/** The end of one delivery; `devices` counts the browsers a Web Push reached. */
export type ChannelOutcome =
  { result: 'delivered'; devices?: number } | { result: Exclude<ChannelResult, 'delivered'>; reason: ChannelReason };

/** The message kind the account page's 发送测试消息 button sends. */
export const TEST_MESSAGE_KIND = 'test';
