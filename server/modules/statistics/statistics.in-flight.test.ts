import { describe, expect, it } from 'vitest';
import { InFlight } from './statistics.in-flight';

const later = <T>(value: T, ms = 5) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('InFlight: identical reads at the same time computed once', () => {
  it('shares one computation between callers asking for the same key meanwhile', async () => {
    const flight = new InFlight<number>();
    const db = {};
    let computed = 0;
    const compute = () => later(++computed);
    const results = await Promise.all([flight.run(db, 'city', compute), flight.run(db, 'city', compute)]);
    expect(results).toEqual([1, 1]);
    expect(computed).toBe(1);
  });

  it('computes again once the first has ended, and separately for another key or database', async () => {
    const flight = new InFlight<string>();
    const [a, b] = [{}, {}];
    let computed = 0;
    const compute = (label: string) => () => later(`${label}${++computed}`);
    expect(await flight.run(a, 'city', compute('a'))).toBe('a1');
    expect(await flight.run(a, 'city', compute('a'))).toBe('a2');
    const [town, otherDb] = await Promise.all([
      flight.run(a, 'town', compute('t')),
      flight.run(b, 'city', compute('b')),
    ]);
    expect([town, otherDb].sort()).toEqual(['b4', 't3']);
  });

  it('passes a failure to every waiting caller and forgets it', async () => {
    const flight = new InFlight<number>();
    const db = {};
    const failing = () => later(0).then(() => Promise.reject(new Error('database gone')));
    const both = [flight.run(db, 'k', failing), flight.run(db, 'k', () => later(9))];
    await expect(both[0]).rejects.toThrow('database gone');
    await expect(both[1]).rejects.toThrow('database gone');
    expect(await flight.run(db, 'k', () => later(7))).toBe(7);
  });
});
