/**
 * Choosing among options (consultation only): approval voting, where each voter approves any number
 * of options and the most approved wins, and ranked choice by instant runoff.
 */

export type ApprovalResult = {
  /** Approvals per option, in the ballot's option order. */
  counts: { optionId: number; approvals: number }[];
  /** The most approved option(s); more than one is a tie the meeting must settle. */
  winners: number[];
  ballots: number;
};

/** Counts approvals; unknown option ids and repeats within one ballot are ignored. */
export function tallyApproval(optionIds: readonly number[], ballots: readonly (readonly number[])[]): ApprovalResult {
  const counts = new Map(optionIds.map((id) => [id, 0]));
  for (const ballot of ballots) {
    for (const id of new Set(ballot)) if (counts.has(id)) counts.set(id, counts.get(id)! + 1);
  }
  const best = Math.max(0, ...counts.values());
  return {
    counts: optionIds.map((optionId) => ({ optionId, approvals: counts.get(optionId)! })),
    winners: best === 0 ? [] : optionIds.filter((id) => counts.get(id) === best),
    ballots: ballots.length,
  };
}

export type RankedRound = { tallies: { optionId: number; votes: number }[]; eliminated: number[]; exhausted: number };
export type RankedResult = { rounds: RankedRound[]; winners: number[] };

/**
 * Instant runoff: each round counts every ballot for its highest-ranked option still standing; an
 * option with more than half of the ballots still counting wins; otherwise every option with the
 * fewest votes is eliminated together. If that would eliminate all that remain, they tie.
 */
export function tallyRanked(optionIds: readonly number[], rankings: readonly (readonly number[])[]): RankedResult {
  const standing = new Set(optionIds);
  const rounds: RankedRound[] = [];
  while (standing.size > 0) {
    const votes = new Map([...standing].map((id) => [id, 0]));
    let exhausted = 0;
    for (const ranking of rankings) {
      const top = ranking.find((id) => standing.has(id));
      if (top === undefined) exhausted += 1;
      else votes.set(top, votes.get(top)! + 1);
    }
    const counting = rankings.length - exhausted;
    const tallies = optionIds
      .filter((id) => standing.has(id))
      .map((optionId) => ({ optionId, votes: votes.get(optionId)! }));
    const leader = tallies.find((t) => t.votes * 2 > counting);
    if (leader) {
      rounds.push({ tallies, eliminated: [], exhausted });
      return { rounds, winners: [leader.optionId] };
    }
    const fewest = Math.min(...tallies.map((t) => t.votes));
    const eliminated = tallies.filter((t) => t.votes === fewest).map((t) => t.optionId);
    rounds.push({ tallies, eliminated: eliminated.length === standing.size ? [] : eliminated, exhausted });
    if (eliminated.length === standing.size) return { rounds, winners: counting === 0 ? [] : eliminated };
    for (const id of eliminated) standing.delete(id);
  }
  return { rounds, winners: [] };
}
