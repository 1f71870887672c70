import type { ChannelOutcomeView } from './channels.api';

/** The i18n key and parameters telling the resident how a test message went. */
export function outcomeText(
  channel: 'wechat' | 'webpush',
  outcome: ChannelOutcomeView,
): { key: string; params: Record<string, number> } {
  if (outcome.result === 'delivered') {
    return { key: `channels.${channel}.delivered`, params: { count: outcome.devices ?? 1 } };
  }
  return { key: `channels.reason.${outcome.reason ?? 'unavailable'}`, params: {} };
}
