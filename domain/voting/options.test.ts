import { describe, expect, it } from 'vitest';
import { tallyApproval, tallyRanked } from './options';

describe('approval voting', () => {
  it('picks the most approved option and ignores repeats and unknown options', () => {
    const result = tallyApproval([1, 2, 3], [[1, 2], [2, 2], [2, 3, 9], [1]]);
    expect(result.counts).toEqual([
      { optionId: 1, approvals: 2 },
      { optionId: 2, approvals: 3 },
      { optionId: 3, approvals: 1 },
    ]);
    expect(result.winners).toEqual([2]);
  });
  it('reports a tie as several winners, and no winner without approvals', () => {
    expect(tallyApproval([1, 2], [[1], [2]]).winners).toEqual([1, 2]);
    expect(tallyApproval([1, 2], [[], []]).winners).toEqual([]);
  });
});

describe('ranked choice (instant runoff)', () => {
  it('elects a first-round majority at once', () => {
    const result = tallyRanked([1, 2, 3], [[1], [1, 2], [2], [1, 3], [3]]);
    expect(result.winners).toEqual([1]);
    expect(result.rounds).toHaveLength(1);
  });
  it('transfers the eliminated option’s ballots to their next choice', () => {
    // Round 1: A 4, B 3, C 2 → C out; its ballots go to B → B 5 of 9 wins.
    const ballots = [...Array(4).fill([1, 2]), ...Array(3).fill([2, 1]), ...Array(2).fill([3, 2])] as number[][];
    const result = tallyRanked([1, 2, 3], ballots);
    expect(result.rounds[0]!.eliminated).toEqual([3]);
    expect(result.winners).toEqual([2]);
  });
  it('needs a majority of the ballots still counting once some are exhausted', () => {
    // Round 1: A 2, B 2, C 1 → C out, its ballot is exhausted → A 2 of 4, B 2 of 4 → tie.
    const result = tallyRanked([1, 2, 3], [[1], [1], [2], [2], [3]]);
    expect(result.rounds.at(-1)!.exhausted).toBe(1);
    expect(result.winners).toEqual([1, 2]);
  });
  it('has no winner without ballots', () => {
    expect(tallyRanked([1, 2], []).winners).toEqual([]);
  });
});
