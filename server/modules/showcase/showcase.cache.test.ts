import { describe, expect, it } from 'vitest';
import { ReplyCache } from './showcase.cache';

describe('reply cache', () => {
  it('shares one load among callers within the time to live, then loads again', async () => {
    const cache = new ReplyCache<number>(1000);
    let loads = 0;
    const load = async () => ++loads;
    expect(await Promise.all([cache.get('a', load, 0), cache.get('a', load, 10)])).toEqual([1, 1]);
    expect(await cache.get('a', load, 999)).toBe(1);
    expect(await cache.get('a', load, 1000)).toBe(2);
    expect(await cache.get('b', load, 1000)).toBe(3);
  });

  it('keeps no failure: the next caller tries again', async () => {
    const cache = new ReplyCache<number>(1000);
    await expect(cache.get('a', () => Promise.reject(new Error('db down')), 0)).rejects.toThrow('db down');
    await Promise.resolve();
    expect(await cache.get('a', async () => 7, 1)).toBe(7);
  });
});
