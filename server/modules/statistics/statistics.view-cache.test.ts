import { describe, expect, it } from 'vitest';
import { ViewCache } from './statistics.view-cache';

/** A computation that ends after a moment with `value`, having read the facts at `version`. */
const later = <T>(value: T, version = 1, ms = 5) =>
  new Promise<{ version: number; value: T }>((resolve) => setTimeout(() => resolve({ version, value }), ms));

describe('ViewCache: a view computed once per facts version', () => {
  it('keeps a view while the version stays, and computes it again when the version moves on', async () => {
    const cache = new ViewCache<string>();
    const db = {};
    let computed = 0;
    const compute = (version: number) => () => later(`v${++computed}`, version);
    expect(await cache.read(db, 'city', 1, compute(1))).toBe('v1');
    expect(await cache.read(db, 'city', 1, compute(1))).toBe('v1');
    expect(await cache.read(db, 'city', 2, compute(2))).toBe('v2');
    // A reader that read an older version gets the newer view: at least as recent as it asked.
    expect(await cache.read(db, 'city', 1, compute(1))).toBe('v2');
    expect(computed).toBe(2);
  });

  it('computes again a view that turned out older than the version asked for (a replica behind)', async () => {
    const cache = new ViewCache<string>();
    const db = {};
    expect(await cache.read(db, 'city', 5, () => later('behind', 4))).toBe('behind');
    expect(await cache.read(db, 'city', 5, () => later('caught up', 5))).toBe('caught up');
    expect(await cache.read(db, 'city', 5, () => later('again', 5))).toBe('caught up');
  });

  it('keeps views apart by key and by handle (the pool, or one transaction)', async () => {
    const cache = new ViewCache<string>();
    const [pool, tx] = [{}, {}];
    let computed = 0;
    const compute = (label: string) => () => later(`${label}${++computed}`);
    expect(await cache.read(pool, 'city', 1, compute('c'))).toBe('c1');
    expect(await cache.read(pool, 'town', 1, compute('t'))).toBe('t2');
    expect(await cache.read(tx, 'city', 1, compute('x'))).toBe('x3');
    expect(await cache.read(pool, 'city', 1, compute('c'))).toBe('c1');
  });

  it('shares one computation between readers asking meanwhile', async () => {
    const cache = new ViewCache<number>();
    const db = {};
    let computed = 0;
    const compute = () => later(++computed, 3);
    expect(await Promise.all([cache.read(db, 'k', 3, compute), cache.read(db, 'k', 3, compute)])).toEqual([1, 1]);
    expect(computed).toBe(1);
  });

  it('passes a failure to every waiting reader and forgets it', async () => {
    const cache = new ViewCache<number>();
    const db = {};
    const failing = () => later(0).then(() => Promise.reject(new Error('database gone')));
    const both = [cache.read(db, 'k', 1, failing), cache.read(db, 'k', 1, () => later(9))];
    await expect(both[0]).rejects.toThrow('database gone');
    await expect(both[1]).rejects.toThrow('database gone');
    expect(await cache.read(db, 'k', 1, () => later(7))).toBe(7);
  });

  it('drops the least recently read view beyond its limit', async () => {
    const cache = new ViewCache<string>(2);
    const db = {};
    let computed = 0;
    const compute = (label: string) => () => later(`${label}${++computed}`);
    await cache.read(db, 'a', 1, compute('a'));
    await cache.read(db, 'b', 1, compute('b'));
    await cache.read(db, 'a', 1, compute('a'));
    await cache.read(db, 'c', 1, compute('c'));
    expect(await cache.read(db, 'a', 1, compute('a'))).toBe('a1');
    expect(await cache.read(db, 'b', 1, compute('b'))).toBe('b4');
  });
});
