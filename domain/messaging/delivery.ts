import { sendableFrom } from './quiet-hours';

/** Message kinds Yishi sends by SMS; each has its own provider template. */
export const smsTemplates = ['login_code', 'invitation', 'notice', 'notification'] as const;
export type SmsTemplate = (typeof smsTemplates)[number];

/** Why a provider refused or failed to deliver a text message (the server's SmsError carries one). */
export const smsFailures = ['quota', 'template', 'throttled', 'phone', 'credentials', 'unavailable'] as const;
export type DeliveryFailure = (typeof smsFailures)[number];

/** Waits before the 2nd, 3rd and 4th attempt; after the 4th failed attempt the message is failed. */
export const RETRY_DELAYS_MINUTES = [1, 5, 30] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MINUTES.length + 1;

/**
 * A bad number or a bad template will not heal by waiting, so they fail at once. Credentials are
 * fixed by the operator, which takes longer than the retries last: also final (staff see 发送失败).
 */
const finalFailures: readonly DeliveryFailure[] = ['phone', 'template', 'credentials'];

/**
 * What happens after attempt number `attempts` (1-based) failed at `now`: try again at a backed-off
 * time (moved out of quiet hours), or give up.
 */
export function afterFailure(
  failure: DeliveryFailure,
  attempts: number,
  now: Date,
): { retry: true; notBefore: Date } | { retry: false } {
  if (finalFailures.includes(failure) || attempts >= MAX_ATTEMPTS) return { retry: false };
  const delay = RETRY_DELAYS_MINUTES[Math.max(0, attempts - 1)]!;
  return { retry: true, notBefore: sendableFrom(new Date(now.getTime() + delay * 60_000)) };
}

/** Template variables are capped at 20 characters by both providers: longer text is cut with an ellipsis. */
export const TEMPLATE_VARIABLE_MAX = 20;

/** Shortens a template variable to the provider limit, counting characters (not UTF-16 units). */
export function fitTemplateVariable(text: string, max = TEMPLATE_VARIABLE_MAX): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** Replies that mean "no more texts" (回复TD退订): TD, T, N, 退订, 退, 拒收, 取消, any case, punctuation ignored. */
const OPT_OUT_REPLIES = new Set(['TD', 'T', 'N', '退订', '退', '拒收', '取消']);

/** True when a resident's reply to a text asks for no more texts. */
export function isOptOutReply(text: string): boolean {
  const word = text.replace(/[\s\p{P}]/gu, '').toUpperCase();
  return OPT_OUT_REPLIES.has(word);
}
