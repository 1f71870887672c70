import { describe, expect, it } from 'vitest';
import { SessionCache, type CachedSession } from './session-cache';

const session = (accountId: number, expiresAt = 10_000_000): CachedSession => ({
  sessionId: accountId,
  expiresAt,
  account: {
    id: accountId,
    displayName: 'x',
    phone: 'p',
    residentId: null,
    locale: 'zh-CN',
    mustChangePassword: false,
    hasPassword: false,
    grants: [],
  },
  actor: { accountId, residentId: null, grants: [] },
});

function trusted(ttlMs = 60_000, max = 10) {
  const cache = new SessionCache(ttlMs, max);
  cache.setTrusted(true);
  return cache;
}

describe('SessionCache', () => {
  it('answers nothing until trusted, and empties when trust is lost', () => {
    const cache = new SessionCache(60_000, 10);
    cache.set('a', session(1), cache.epoch, 0);
    expect(cache.get('a', 0)).toBeUndefined();
    cache.setTrusted(true);
    cache.set('a', session(1), cache.epoch, 0);
    expect(cache.get('a', 1)?.account.id).toBe(1);
    cache.setTrusted(false);
    cache.setTrusted(true);
    expect(cache.get('a', 1)).toBeUndefined();
  });

  it('never stores a lookup read before a signal', () => {
    const cache = trusted();
    const epoch = cache.epoch;
    cache.forget({ accountId: 1 }); // arrives while the lookup is in flight
    cache.set('a', session(1), epoch, 0);
    expect(cache.get('a', 0)).toBeUndefined();
  });

  it('forgets one session by token hash, or every session of an account', () => {
    const cache = trusted();
    cache.set('a', session(1), cache.epoch, 0);
    cache.set('b', session(1), cache.epoch, 0);
    cache.set('c', session(2), cache.epoch, 0);
    cache.forget({ tokenHash: 'a' });
    expect([cache.get('a', 0), cache.get('b', 0)?.account.id]).toEqual([undefined, 1]);
    cache.forget({ accountId: 1 });
    expect([cache.get('b', 0), cache.get('c', 0)?.account.id]).toEqual([undefined, 2]);
  });

  it('drops entries past their time to live or their session expiry, and the oldest past the cap', () => {
    const cache = trusted(1000, 2);
    cache.set('a', session(1), cache.epoch, 0);
    expect(cache.get('a', 999)).toBeDefined();
    expect(cache.get('a', 1000)).toBeUndefined();
    cache.set('e', session(5, 500), cache.epoch, 0);
    expect(cache.get('e', 500)).toBeUndefined();
    cache.set('x', session(1), cache.epoch, 0);
    cache.set('y', session(2), cache.epoch, 0);
    cache.set('z', session(3), cache.epoch, 0);
    expect(cache.size).toBe(2);
    expect(cache.get('x', 0)).toBeUndefined();
  });
});
