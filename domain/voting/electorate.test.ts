import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ownerElectors, type Ownership } from './electorate';

const own = (dwellingId: number, personId: number | null, m2: number): Ownership => ({
  dwellingId,
  personId,
  area: BigInt(Math.round(m2 * 100)),
});

describe('owner electors (SPC interpretation on building ownership, Arts. 8–9)', () => {
  it('counts one owner of two flats once, with the areas summed', () => {
    const electors = ownerElectors([own(1, 10, 89.5), own(2, 10, 120.25), own(3, 11, 90)]);
    expect(electors.map((e) => [e.personIds, e.dwellingIds, e.area])).toEqual([
      [[10], [1, 2], 20_975n],
      [[11], [3], 9_000n],
    ]);
  });
  it('lets co-owners of one flat give one choice, counting the flat’s area once', () => {
    const electors = ownerElectors([own(1, 10, 100), own(1, 11, 100)]);
    expect(electors).toHaveLength(1);
    expect(electors[0]).toMatchObject({ personIds: [10, 11], area: 10_000n });
  });
  it('joins flats linked through a co-owner into one elector', () => {
    // 10 owns flat 1 with 11; 11 also owns flat 2 alone.
    const electors = ownerElectors([own(1, 10, 100), own(1, 11, 100), own(2, 11, 50)]);
    expect(electors.map((e) => e.dwellingIds)).toEqual([[1, 2]]);
  });
  it("counts the developer's unsold flats together as one person", () => {
    const electors = ownerElectors([own(1, null, 100), own(2, null, 100), own(3, 12, 80)]);
    expect(electors).toHaveLength(2);
    expect(electors[0]).toMatchObject({ personIds: [], dwellingIds: [1, 2], area: 20_000n });
  });
  it('keeps every flat and every square metre exactly once, whatever the ownerships', () => {
    const arb = fc.array(
      fc.record({
        dwellingId: fc.integer({ min: 1, max: 20 }),
        personId: fc.option(fc.integer({ min: 1, max: 15 }), { nil: null }),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, (rows) => {
        const area = (d: number) => BigInt(d * 1_000 + 7);
        const electors = ownerElectors(rows.map((r) => ({ ...r, area: area(r.dwellingId) })));
        const dwellings = [...new Set(rows.map((r) => r.dwellingId))];
        expect(electors.flatMap((e) => e.dwellingIds).sort((a, b) => a - b)).toEqual(dwellings.sort((a, b) => a - b));
        expect(electors.reduce((s, e) => s + e.area, 0n)).toBe(dwellings.reduce((s, d) => s + area(d), 0n));
        const persons = electors.flatMap((e) => e.personIds);
        expect(new Set(persons).size).toBe(persons.length);
      }),
    );
  });
});
