import { defineLifecycle } from '../lifecycle';

/** A registered proxy (委托书): active until revoked; at most one active per principal and ballot. */
export const proxyStatuses = ['active', 'revoked'] as const;
export type ProxyStatus = (typeof proxyStatuses)[number];

export const proxyLifecycle = defineLifecycle({
  states: proxyStatuses,
  initial: 'active',
  transitions: { revoke: { from: ['active'], to: 'revoked' } },
});
