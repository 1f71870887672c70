import { defineLifecycle } from '../lifecycle';

/** A text message: queued → sent | failed (after the last retry) | opted_out (the resident declined SMS). */
export const smsStatuses = ['queued', 'sent', 'failed', 'opted_out'] as const;
export type SmsStatus = (typeof smsStatuses)[number];

export const smsLifecycle = defineLifecycle({
  states: smsStatuses,
  initial: 'queued',
  transitions: {
    send: { from: ['queued'], to: 'sent' },
    fail: { from: ['queued'], to: 'failed' },
    optOut: { from: ['queued'], to: 'opted_out' },
  },
});
