/**
 * Counting a yes/no (or consent) ballot under a decision rule, exactly. Input is the electorate fixed
 * at opening and the one counted choice per elector; output is every check with its exact fraction,
 * and the outcome: not quorate, passed or rejected.
 */
import type { Elector } from './electorate';
import type { Check, Conditions, DecisionRule, Measure, yesNoChoices } from './rules';
import { meets, type Ratio } from './threshold';

/** 同意 / 反对 / 弃权; for consent rules: consent, block (a blocking objection), stand aside. */
export type YesNoChoice = (typeof yesNoChoices)[number];

export type Totals = Record<Measure, bigint>;
export type Counts = { electorate: Totals; participants: Totals; approvals: Totals; against: Totals; decisive: Totals };
export type CheckResult = Check & { ratio: Ratio; met: boolean };
export type ConditionsResult = { mode: Conditions['mode']; met: boolean; checks: CheckResult[] };
/**
 * A ballot's result (通过, 未通过, 未达法定人数; for option ballots 选出, 并列, 无人投票): a yes/no ballot
 * ends in one of the first three, an approval or ranked ballot in one of the last three.
 */
export const ballotOutcomes = ['passed', 'rejected', 'not_quorate', 'decided', 'tie', 'no_votes'] as const;
export type BallotOutcome = (typeof ballotOutcomes)[number];
/** The outcomes of a yes/no (or consent) ballot. */
export const yesNoOutcomes = ['passed', 'rejected', 'not_quorate'] as const satisfies readonly BallotOutcome[];
export type Outcome = (typeof yesNoOutcomes)[number];
export type YesNoResult = {
  outcome: Outcome;
  counts: Counts;
  quorum: ConditionsResult | null;
  decision: ConditionsResult | null;
  /** Electors whose individual consent the ballot requires and who did not give it. */
  missingConsents: string[];
  /** Consent rules: how many blocking objections were raised. */
  blocks: bigint;
};

/**
 * Groups the electorate by what each elector chose, in one pass (a 100,000-owner ballot is tallied
 * well inside its 200 ms budget); choices of non-electors are ignored. Areas are summed as bigint.
 */
export function countChoices(electorate: readonly Elector[], choices: ReadonlyMap<string, YesNoChoice>): Counts {
  const heads = { all: 0, for: 0, against: 0, abstain: 0 };
  const area = { all: 0n, for: 0n, against: 0n, abstain: 0n };
  const households = {
    all: new Set<number>(),
    for: new Set<number>(),
    against: new Set<number>(),
    abstain: new Set<number>(),
  };
  for (const e of electorate) {
    const choice = choices.get(e.key);
    heads.all += 1;
    area.all += e.area;
    if (e.householdId !== null) households.all.add(e.householdId);
    if (choice === undefined) continue;
    heads[choice] += 1;
    area[choice] += e.area;
    if (e.householdId !== null) households[choice].add(e.householdId);
  }
  const of = (...keys: YesNoChoice[]): Totals => ({
    heads: BigInt(keys.reduce((n, k) => n + heads[k], 0)),
    area: keys.reduce((sum, k) => sum + area[k], 0n),
    households: BigInt(new Set(keys.flatMap((k) => [...households[k]])).size),
  });
  return {
    electorate: { heads: BigInt(heads.all), area: area.all, households: BigInt(households.all.size) },
    participants: of('for', 'against', 'abstain'),
    approvals: of('for'),
    against: of('against'),
    decisive: of('for', 'against'),
  };
}

function evaluate(conditions: Conditions, counts: Counts): ConditionsResult {
  const checks = conditions.checks.map((c) => {
    const ratio = { part: counts[c.part][c.measure], whole: counts[c.of][c.measure] };
    return { ...c, ratio, met: meets(ratio, c.threshold) };
  });
  const met = conditions.mode === 'all' ? checks.every((c) => c.met) : checks.some((c) => c.met);
  return { mode: conditions.mode, met, checks };
}

export type TallyOptions = {
  /** Electors who must each agree (e.g. owners whose flat the elevator shaft would take). */
  requiredConsents?: readonly string[];
  /** Consent rules: blocking objections tolerated (default 0). */
  maxBlocks?: number;
};

/** Tallies a `yes_no` or `consent` rule. */
export function tallyYesNo(
  rule: DecisionRule,
  electorate: readonly Elector[],
  choices: ReadonlyMap<string, YesNoChoice>,
  options: TallyOptions = {},
): YesNoResult {
  if (rule.method !== 'yes_no' && rule.method !== 'consent') throw new Error(`${rule.key} does not decide yes or no`);
  const electorKeys = new Set(electorate.map((e) => e.key));
  const missingConsents = (options.requiredConsents ?? []).filter(
    (key) => electorKeys.has(key) && choices.get(key) !== 'for',
  );
  return decideYesNo(rule, countChoices(electorate, choices), missingConsents, options.maxBlocks);
}

/**
 * The outcome of a `yes_no` or `consent` rule from counts already made (by countChoices, or by the
 * database in one pass over a large roll) and the required consents not given.
 */
export function decideYesNo(rule: DecisionRule, counts: Counts, missingConsents: string[], maxBlocks = 0): YesNoResult {
  if (rule.method !== 'yes_no' && rule.method !== 'consent') throw new Error(`${rule.key} does not decide yes or no`);
  const quorum = rule.quorum ? evaluate(rule.quorum, counts) : null;
  const decision = rule.decision ? evaluate(rule.decision, counts) : null;
  const blocks = counts.against.heads;
  const base = { counts, quorum, decision, missingConsents, blocks };
  if (quorum && !quorum.met) return { outcome: 'not_quorate', ...base };
  // Consent needs someone to take part at all, and no more blocks than tolerated.
  const decided =
    rule.method === 'consent' ? counts.participants.heads > 0n && blocks <= BigInt(maxBlocks) : decision?.met === true;
  return { outcome: decided && missingConsents.length === 0 ? 'passed' : 'rejected', ...base };
}
