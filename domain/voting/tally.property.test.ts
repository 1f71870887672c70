import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Elector } from './electorate';
import { builtInRules, type RuleKey } from './rules';
import { tallyYesNo, type Outcome, type YesNoChoice } from './tally';

/**
 * A slow reference written straight from the law's words, independent of the rule table: for each
 * threshold it searches for the smallest number of votes (or hundredths of m²) that reaches it, and
 * compares the count with that minimum.
 */
function minimumFor(whole: bigint, num: bigint, den: bigint, inclusive: boolean): bigint {
  let k = 0n;
  while (inclusive ? k * den < whole * num : k * den <= whole * num) k += 1n;
  return k;
}
const atLeast = (part: bigint, whole: bigint, num: number, den: number) =>
  whole > 0n && part >= minimumFor(whole, BigInt(num), BigInt(den), true);
const moreThan = (part: bigint, whole: bigint, num: number, den: number) =>
  whole > 0n && part >= minimumFor(whole, BigInt(num), BigInt(den), false);

function reference(key: RuleKey, electors: Elector[], choices: Map<string, YesNoChoice>): Outcome {
  let heads = 0n;
  let area = 0n;
  const households = new Set<number>();
  let inHeads = 0n;
  let inArea = 0n;
  const inHouseholds = new Set<number>();
  let forHeads = 0n;
  let forArea = 0n;
  let againstHeads = 0n;
  for (const e of electors) {
    heads += 1n;
    area += e.area;
    if (e.householdId !== null) households.add(e.householdId);
    const choice = choices.get(e.key);
    if (choice === undefined) continue;
    inHeads += 1n;
    inArea += e.area;
    if (e.householdId !== null) inHouseholds.add(e.householdId);
    if (choice === 'for') {
      forHeads += 1n;
      forArea += e.area;
    }
    if (choice === 'against') againstHeads += 1n;
  }
  const hh = BigInt(households.size);
  const inHh = BigInt(inHouseholds.size);
  const decide = (quorate: boolean, passes: boolean): Outcome =>
    !quorate ? 'not_quorate' : passes ? 'passed' : 'rejected';
  switch (key) {
    case 'civil_code_278_major':
      return decide(
        atLeast(inArea, area, 2, 3) && atLeast(inHeads, heads, 2, 3),
        atLeast(forArea, inArea, 3, 4) && atLeast(forHeads, inHeads, 3, 4),
      );
    case 'civil_code_278_general':
      return decide(
        atLeast(inArea, area, 2, 3) && atLeast(inHeads, heads, 2, 3),
        moreThan(forArea, inArea, 1, 2) && moreThan(forHeads, inHeads, 1, 2),
      );
    case 'villagers_meeting':
      return decide(moreThan(inHeads, heads, 1, 2) || atLeast(inHh, hh, 2, 3), moreThan(forHeads, inHeads, 1, 2));
    case 'villagers_representative_meeting':
      return decide(atLeast(inHeads, heads, 2, 3), moreThan(forHeads, inHeads, 1, 2));
    case 'village_group_meeting':
      return decide(atLeast(inHeads, heads, 2, 3) || atLeast(inHh, hh, 2, 3), moreThan(forHeads, inHeads, 1, 2));
    case 'residents_meeting':
      return decide(moreThan(inHeads, heads, 1, 2), moreThan(forHeads, inHeads, 1, 2));
    case 'one_matter_one_discussion': {
      const forHouseholds = new Set(
        electors.filter((e) => choices.get(e.key) === 'for' && e.householdId !== null).map((e) => e.householdId),
      );
      return decide(atLeast(inHh, hh, 2, 3), moreThan(BigInt(forHouseholds.size), inHh, 1, 2));
    }
    case 'simple_majority':
      return decide(true, moreThan(forHeads, forHeads + againstHeads, 1, 2));
    case 'supermajority':
      return decide(true, atLeast(forHeads, forHeads + againstHeads, 2, 3));
    case 'consent':
      return decide(true, inHeads > 0n && againstHeads === 0n);
    default:
      throw new Error(`no reference for ${key}`);
  }
}

const yesNoRules = builtInRules.filter((r) => r.method === 'yes_no' || r.method === 'consent');
const choiceArb = fc.constantFrom<YesNoChoice | null>('for', 'against', 'abstain', null);
/** Up to 30 electors with areas from 0.01 to 300 m² and up to 8 households, each with a choice or none. */
const ballotArb = fc
  .array(
    fc.record({
      area: fc.integer({ min: 1, max: 30_000 }),
      household: fc.integer({ min: 1, max: 8 }),
      choice: choiceArb,
    }),
    { minLength: 0, maxLength: 30 },
  )
  .map((rows) => {
    const electors: Elector[] = rows.map((r, i) => ({
      key: `e${i}`,
      area: BigInt(r.area),
      householdId: r.household,
      personIds: [i],
      dwellingIds: [i],
    }));
    const choices = new Map<string, YesNoChoice>();
    rows.forEach((r, i) => {
      if (r.choice) choices.set(`e${i}`, r.choice);
    });
    return { electors, choices };
  });

describe('every yes/no rule', () => {
  for (const rule of yesNoRules) {
    it(`${rule.key} agrees with the slow reference read from the law`, () => {
      fc.assert(
        fc.property(ballotArb, ({ electors, choices }) => {
          expect(tallyYesNo(rule, electors, choices).outcome).toBe(reference(rule.key, electors, choices));
        }),
        { numRuns: 400 },
      );
    });
  }

  for (const rule of yesNoRules.filter((r) => r.method === 'yes_no')) {
    it(`${rule.key}: one more approval never turns a pass into a fail`, () => {
      fc.assert(
        fc.property(ballotArb, fc.nat(), ({ electors, choices }, pick) => {
          const others = electors.filter((e) => choices.get(e.key) !== 'for');
          fc.pre(others.length > 0);
          const before = tallyYesNo(rule, electors, choices).outcome;
          const more = new Map(choices).set(others[pick % others.length]!.key, 'for');
          const after = tallyYesNo(rule, electors, more).outcome;
          if (before === 'passed') expect(after).toBe('passed');
        }),
        { numRuns: 400 },
      );
    });
  }
});
