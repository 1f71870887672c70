import { describe, expect, it } from 'vitest';
import type { Elector } from './electorate';
import { resolveRule, ruleInForce, type RuleKey } from './rules';
import { tallyYesNo, type YesNoChoice } from './tally';

/** `n` electors; areas in m² (converted to hundredths) and households as given, else 1 m² and no household. */
function electorate(n: number, opts: { areas?: number[]; households?: number[] } = {}): Elector[] {
  return Array.from({ length: n }, (_, i) => ({
    key: `e${i}`,
    area: BigInt(Math.round((opts.areas?.[i] ?? 1) * 100)),
    householdId: opts.households?.[i] ?? null,
    personIds: [i],
    dwellingIds: [i],
  }));
}
/** Choices for the first electors in order: e.g. `votes('ffa')` = e0 for, e1 for, e2 against. */
function votes(spec: string): Map<string, YesNoChoice> {
  const map = new Map<string, YesNoChoice>();
  [...spec].forEach((c, i) => {
    if (c !== '.') map.set(`e${i}`, c === 'f' ? 'for' : c === 'a' ? 'against' : 'abstain');
  });
  return map;
}
const rule = (key: RuleKey) => ruleInForce(key, '2026-11-25')!;
const outcome = (key: RuleKey, e: Elector[], spec: string) => tallyYesNo(rule(key), e, votes(spec)).outcome;

describe('Civil Code Art. 278, major items (elevator retrofit)', () => {
  it('is quorate with exactly two thirds of owners and area taking part (以上 includes the boundary)', () => {
    // 12 owners of 100 m²: 8 take part = 2/3 of heads and area; all 8 agree.
    expect(outcome('civil_code_278_major', electorate(12, { areas: Array(12).fill(100) }), 'ffffffff')).toBe('passed');
  });
  it('is not quorate one owner short of two thirds', () => {
    expect(outcome('civil_code_278_major', electorate(12, { areas: Array(12).fill(100) }), 'fffffff')).toBe(
      'not_quorate',
    );
  });
  it('is not quorate when two thirds of owners take part but hold one hundredth of a m² less than two thirds of the area', () => {
    // Total 1200.00 m²; the first 8 hold 799.99 m².
    const areas = [...Array(7).fill(100), 99.99, ...Array(3).fill(100), 100.01];
    const result = tallyYesNo(rule('civil_code_278_major'), electorate(12, { areas }), votes('ffffffff'));
    expect(result.outcome).toBe('not_quorate');
    expect(result.quorum!.checks.map((c) => c.met)).toEqual([false, true]);
    expect(result.quorum!.checks[0]!.ratio).toEqual({ part: 79_999n, whole: 120_000n });
  });
  it('passes with exactly three quarters of participating owners and area agreeing', () => {
    // 8 take part, 6 agree: 6/8 = 3/4 by heads and area.
    expect(outcome('civil_code_278_major', electorate(12, { areas: Array(12).fill(100) }), 'ffffffaa')).toBe('passed');
  });
  it('rejects one owner short of three quarters', () => {
    expect(outcome('civil_code_278_major', electorate(12, { areas: Array(12).fill(100) }), 'fffffaaa')).toBe(
      'rejected',
    );
  });
  it('counts abstentions as taking part: they count toward the quorum and against three quarters', () => {
    expect(outcome('civil_code_278_major', electorate(12, { areas: Array(12).fill(100) }), 'fffffffs')).toBe('passed');
    expect(outcome('civil_code_278_major', electorate(12, { areas: Array(12).fill(100) }), 'ffffffss')).toBe('passed');
    expect(outcome('civil_code_278_major', electorate(12, { areas: Array(12).fill(100) }), 'fffffsss')).toBe(
      'rejected',
    );
  });
  it('rejects when heads reach three quarters but the agreeing area is one hundredth of a m² short', () => {
    // 4 take part (of 4 electors, all quorate): 3 agree holding 299.99 of 400.00 m².
    const e = electorate(4, { areas: [100, 100, 99.99, 100.01] });
    const result = tallyYesNo(rule('civil_code_278_major'), e, votes('fffa'));
    expect(result.outcome).toBe('rejected');
    expect(result.decision!.checks.map((c) => [c.measure, c.met])).toEqual([
      ['area', false],
      ['heads', true],
    ]);
    expect(
      tallyYesNo(rule('civil_code_278_major'), electorate(4, { areas: [100, 100, 100.01, 99.99] }), votes('fffa'))
        .outcome,
    ).toBe('passed');
  });
  it('rejects when the area reaches three quarters but heads do not', () => {
    // 4 take part: 2 agree holding 300 of 400 m².
    expect(outcome('civil_code_278_major', electorate(4, { areas: [150, 150, 50, 50] }), 'ffaa')).toBe('rejected');
  });
  it('is not quorate with nobody voting, or with nobody to vote', () => {
    expect(outcome('civil_code_278_major', electorate(3), '')).toBe('not_quorate');
    expect(outcome('civil_code_278_major', [], '')).toBe('not_quorate');
  });
  it('needs every owner whose flat the shaft would take to agree', () => {
    const e = electorate(4, { areas: [100, 100, 100, 100] });
    const result = tallyYesNo(rule('civil_code_278_major'), e, votes('fffa'), { requiredConsents: ['e3'] });
    expect(result).toMatchObject({ outcome: 'rejected', missingConsents: ['e3'] });
    const agreed = tallyYesNo(rule('civil_code_278_major'), e, votes('afff'), { requiredConsents: ['e3'] });
    expect(agreed).toMatchObject({ outcome: 'passed', missingConsents: [] });
  });
});

describe('Civil Code Art. 278, general items', () => {
  const equal = () => electorate(12, { areas: Array(12).fill(100) });
  it('rejects exactly half of participating owners and area (过半数 is strict)', () => {
    expect(outcome('civil_code_278_general', equal(), 'ffffaaaa')).toBe('rejected');
  });
  it('passes with one more than half', () => {
    expect(outcome('civil_code_278_general', equal(), 'fffffaaa')).toBe('passed');
  });
  it('rejects more than half of the heads holding exactly half of the area', () => {
    // 5 take part (total 500 m²); 3 agree holding 250 m².
    expect(outcome('civil_code_278_general', electorate(6, { areas: [100, 100, 50, 125, 125, 100] }), 'fffaa')).toBe(
      'rejected',
    );
  });
  it('passes more than half of the area by one hundredth of a m² with more than half of the heads', () => {
    expect(
      outcome('civil_code_278_general', electorate(6, { areas: [100, 100, 50.01, 125, 124.99, 100] }), 'fffaa'),
    ).toBe('passed');
  });
  it('shares the owners’ two-thirds quorum', () => {
    expect(outcome('civil_code_278_general', equal(), 'fffffff')).toBe('not_quorate');
  });
});

describe("villagers' meeting (村民委员会组织法 Art. 22)", () => {
  // 10 adults in 5 households of two.
  const village = () => electorate(10, { households: [1, 1, 2, 2, 3, 3, 4, 4, 5, 5] });
  it('is quorate with more than half of the adults attending', () => {
    expect(outcome('villagers_meeting', village(), 'ffffff')).toBe('passed');
  });
  it('is not quorate with exactly half of the adults from fewer than two thirds of households', () => {
    // e0–e4 come from households 1, 2 and 3: 3/5 < 2/3.
    expect(outcome('villagers_meeting', village(), 'fffff')).toBe('not_quorate');
  });
  it('is quorate with two thirds of households represented even when fewer than half of the adults attend', () => {
    // 4 adults, one from each of households 1–4: 4/5 ≥ 2/3 households, 4/10 adults.
    const spec = 'f.f.f.f...';
    expect(outcome('villagers_meeting', village(), spec)).toBe('passed');
  });
  it('decides by more than half of those attending: exactly half rejects', () => {
    expect(outcome('villagers_meeting', village(), 'fffaaa')).toBe('rejected');
    expect(outcome('villagers_meeting', village(), 'ffffaa')).toBe('passed');
  });
  it('asks ten days of notice', () => {
    expect(rule('villagers_meeting').noticeDays).toBe(10);
  });
});

describe("villagers' representative meeting (Art. 26)", () => {
  it('is quorate at exactly two thirds of representatives and not one below', () => {
    expect(outcome('villagers_representative_meeting', electorate(15), 'ffffffffff')).toBe('passed');
    expect(outcome('villagers_representative_meeting', electorate(15), 'fffffffff')).toBe('not_quorate');
  });
  it('decides by more than half of those attending', () => {
    expect(outcome('villagers_representative_meeting', electorate(15), 'fffffaaaaa')).toBe('rejected');
    expect(outcome('villagers_representative_meeting', electorate(15), 'ffffffaaaa')).toBe('passed');
  });
});

describe('village-group meeting (Art. 28)', () => {
  const group = () => electorate(9, { households: [1, 1, 1, 2, 2, 2, 3, 3, 3] });
  it('is quorate with two thirds of the adults', () => {
    expect(outcome('village_group_meeting', group(), 'ffffff')).toBe('passed');
  });
  it('is quorate with two thirds of the households though fewer adults attend', () => {
    // e0 (household 1) and e3 (household 2): 2/3 households, 2/9 adults.
    expect(outcome('village_group_meeting', group(), 'f..f')).toBe('passed');
  });
  it('is not quorate below both', () => {
    // e0–e4: 5/9 adults; households 1 and 2 = 2/3 — so use one household only.
    expect(outcome('village_group_meeting', group(), 'fff')).toBe('not_quorate');
  });
});

describe("residents' meeting (城市居民委员会组织法 Art. 9)", () => {
  it('needs more than half of its base: exactly half is not quorate', () => {
    expect(outcome('residents_meeting', electorate(10), 'fffff')).toBe('not_quorate');
    expect(outcome('residents_meeting', electorate(10), 'ffffff')).toBe('passed');
  });
  it('decides by more than half of attendees', () => {
    expect(outcome('residents_meeting', electorate(10), 'fffaaa')).toBe('rejected');
  });
  it('accepts adults, household representatives or group representatives as its base', () => {
    expect(rule('residents_meeting').electorates).toEqual(['adult_residents', 'households', 'representatives']);
  });
});

describe('one matter, one discussion (一事一议)', () => {
  const households = () => electorate(6, { households: [1, 2, 3, 4, 5, 6] });
  it('needs representatives of two thirds of the households', () => {
    expect(outcome('one_matter_one_discussion', households(), 'ffff')).toBe('passed');
    expect(outcome('one_matter_one_discussion', households(), 'fff')).toBe('not_quorate');
  });
  it('decides by more than half of the households represented', () => {
    expect(outcome('one_matter_one_discussion', households(), 'ffaa')).toBe('rejected');
  });
});

describe('consultation rules', () => {
  it('simple majority counts for against against; abstentions do not count', () => {
    expect(outcome('simple_majority', electorate(10), 'ffaass')).toBe('rejected');
    expect(outcome('simple_majority', electorate(10), 'fffaass')).toBe('passed');
  });
  it('supermajority takes its threshold: 3/5 inclusive passes 3 of 5, strict does not', () => {
    const inclusive = resolveRule({ key: 'supermajority', version: 1, threshold: { num: 3, den: 5, inclusive: true } });
    const strict = resolveRule({ key: 'supermajority', version: 1, threshold: { num: 3, den: 5, inclusive: false } });
    expect(tallyYesNo(inclusive, electorate(5), votes('fffaa')).outcome).toBe('passed');
    expect(tallyYesNo(strict, electorate(5), votes('fffaa')).outcome).toBe('rejected');
  });
  it('refuses a supermajority threshold outside (0, 1]', () => {
    expect(() =>
      resolveRule({ key: 'supermajority', version: 1, threshold: { num: 4, den: 3, inclusive: true } }),
    ).toThrow();
  });
  it('consent passes without a blocking objection and fails with one', () => {
    expect(outcome('consent', electorate(5), 'ffss')).toBe('passed');
    expect(outcome('consent', electorate(5), 'fffa')).toBe('rejected');
    expect(outcome('consent', electorate(5), '')).toBe('rejected');
  });
  it('is labelled a consultation opinion, not a statutory decision', () => {
    expect(rule('simple_majority')).toMatchObject({ isStatutory: false, citation: '' });
    expect(rule('civil_code_278_major').isStatutory).toBe(true);
  });
});

describe('rule versions', () => {
  it('has no version in force before its first effective date', () => {
    expect(ruleInForce('civil_code_278_major', '2020-12-31')).toBeUndefined();
    expect(ruleInForce('civil_code_278_major', '2021-01-01')?.version).toBe(1);
  });
  it('refuses an unknown version', () => {
    expect(() => resolveRule({ key: 'villagers_meeting', version: 99 })).toThrow();
  });
});
