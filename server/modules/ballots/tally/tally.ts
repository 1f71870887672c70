/**
 * The count at close, with domain/voting. Named ballots read the choice on each vote row; secret
 * ballots read ballot_secret_choices, which carry the weights the rule needs (area, household) but no
 * elector: each secret choice stands for one anonymous participant, and the electors who did not take
 * part (known from the participation rows) complete the electorate, so every total is exact.
 */
import {
  describeThreshold,
  percent,
  decideYesNo,
  tallyApproval,
  tallyRanked,
  type ConditionsResult,
  type Counts,
  type Elector,
} from '../../../../domain/voting';
import type { DbOrTx } from '../../../db/client';
import type { BallotChoice, BallotRow, SecretChoice } from '../casting/cast';
import { ballotRule } from '../ballots.presenter';
import { ballotOptionsOf } from '../ballots.repository';
import type { BallotResult } from '../../../../contracts/ballots';
import {
  channelCounts,
  consentsNotGiven,
  electorSnapshotText,
  namedVoteChoices,
  secretChoicesOf,
  voteElectorIds,
  yesNoSums,
  type YesNoSums,
} from './tally.repository';

type Counted = { elector: Elector; choice: BallotChoice };
type MeasureCounts = { heads: string; area: string; households: string };

function totals(electors: readonly Elector[]): MeasureCounts {
  return {
    heads: String(electors.length),
    area: electors.reduce((sum, e) => sum + e.area, 0n).toString(),
    households: String(new Set(electors.flatMap((e) => (e.householdId === null ? [] : [e.householdId]))).size),
  };
}

function presentConditions(c: ConditionsResult | null): BallotResult['quorum'] {
  if (!c) return null;
  return {
    mode: c.mode,
    met: c.met,
    checks: c.checks.map((k) => ({
      measure: k.measure,
      part: k.part,
      of: k.of,
      threshold: describeThreshold(k.threshold),
      numerator: k.ratio.part.toString(),
      denominator: k.ratio.whole.toString(),
      percent: percent(k.ratio),
      met: k.met,
    })),
  };
}

/** Tallies never read who may cast an elector's choice or which dwellings it holds. */
const none: readonly number[] = Object.freeze([]);

/** "id,area,household;…" (one text for the whole snapshot) → electors keyed by their id. */
function parseElectors(list: string | null): Elector[] {
  const electors: Elector[] = [];
  if (!list) return electors;
  for (const part of list.split(';')) {
    const a = part.indexOf(',');
    const b = part.indexOf(',', a + 1);
    const household = part.slice(b + 1);
    electors.push({
      key: part.slice(0, a),
      area: BigInt(part.slice(a + 1, b)),
      householdId: household === '' ? null : Number(household),
      personIds: none,
      dwellingIds: none,
    });
  }
  return electors;
}

type Channels = { online: number; proxy: number; assisted: number; paper: number };

async function channelsOf(db: DbOrTx, ballotId: number): Promise<Channels> {
  const channels: Channels = { online: 0, proxy: 0, assisted: 0, paper: 0 };
  for (const row of await channelCounts(db, ballotId)) channels[row.channel] += row.n;
  return channels;
}

/** The database's sums as the domain's counts. */
function countsOf(sums: YesNoSums): Counts {
  const of = (group: 'electorate' | 'participants' | 'approvals' | 'against' | 'decisive') => ({
    heads: BigInt(sums[`${group}_heads`]),
    area: BigInt(sums[`${group}_area`]),
    households: BigInt(sums[`${group}_households`]),
  });
  return {
    electorate: of('electorate'),
    participants: of('participants'),
    approvals: of('approvals'),
    against: of('against'),
    decisive: of('decisive'),
  };
}

/**
 * An option (approval or ranked) ballot's electorate and counted choices, as the domain sees them:
 * the snapshot as ONE text of id, area and household (100,000 rows of labels, arrays and JSON cost
 * several times the count itself); named ballots' choices from the vote rows, secret ones from
 * ballot_secret_choices, each an anonymous participant standing in for an elector who took part.
 */
async function gatherOptionChoices(db: DbOrTx, ballot: BallotRow) {
  const named = ballot.secrecy === 'named';
  const all = parseElectors(await electorSnapshotText(db, ballot.id));
  const counted: Counted[] = [];
  if (named) {
    const byKey = new Map(all.map((e) => [e.key, e]));
    for (const v of await namedVoteChoices(db, ballot.id)) {
      const elector = byKey.get(String(v.electorId));
      if (elector) counted.push({ elector, choice: v.choice as BallotChoice });
    }
    return { electors: all, counted };
  }
  const voted = new Set((await voteElectorIds(db, ballot.id)).map(String));
  const electors = all.filter((e) => !voted.has(e.key));
  const secret = await secretChoicesOf(db, ballot.id);
  secret.forEach((s, i) => {
    const c = s.choice as SecretChoice;
    const elector: Elector = {
      key: `secret:${i}`,
      area: BigInt(c.area),
      householdId: c.householdId,
      personIds: none,
      dwellingIds: none,
    };
    electors.push(elector);
    counted.push({ elector, choice: c });
  });
  return { electors, counted };
}

/** Counts the ballot under its stored rule; bigints as strings (area in hundredths of m²). */
export async function tallyBallot(db: DbOrTx, ballot: BallotRow): Promise<BallotResult> {
  const rule = ballotRule(ballot);
  const channels = await channelsOf(db, ballot.id);
  const base = { isStatutory: rule.isStatutory, ruleName: rule.name, citation: rule.citation, channels };
  if (rule.method === 'yes_no' || rule.method === 'consent') {
    // One pass of the database over the roll (the domain's countChoices gives the same counts).
    const named = ballot.secrecy === 'named';
    const counts = countsOf(await yesNoSums(db, ballot.id, named));
    const required = ballot.requiredDwellingIds;
    const missing = required.length === 0 ? [] : await consentsNotGiven(db, ballot.id, required, named);
    const result = decideYesNo(
      rule,
      counts,
      missing.map((r) => r.label),
    );
    const of = (t: { heads: bigint; area: bigint; households: bigint }) => ({
      heads: t.heads.toString(),
      area: t.area.toString(),
      households: t.households.toString(),
    });
    const abstain = {
      heads: counts.participants.heads - counts.decisive.heads,
      area: counts.participants.area - counts.decisive.area,
      households: counts.participants.households - counts.decisive.households,
    };
    return {
      ...base,
      electorate: of(counts.electorate),
      participants: of(counts.participants),
      outcome: result.outcome,
      quorum: presentConditions(result.quorum),
      decision: presentConditions(result.decision),
      counts: { for: of(counts.approvals), against: of(counts.against), abstain: of(abstain) },
      approval: null,
      ranked: null,
      winners: [],
      missingConsents: result.missingConsents,
    };
  }
  const { electors, counted } = await gatherOptionChoices(db, ballot);
  const optionIds = (await ballotOptionsOf(db, ballot.id)).map((o) => o.id);
  const lists = counted.map((c) => (c.choice.kind === 'yes_no' ? [] : c.choice.optionIds));
  const approval = rule.method === 'approval' ? tallyApproval(optionIds, lists) : null;
  const ranked = rule.method === 'ranked' ? tallyRanked(optionIds, lists) : null;
  const winners = approval?.winners ?? ranked?.winners ?? [];
  return {
    ...base,
    electorate: totals(electors),
    participants: totals(counted.map((c) => c.elector)),
    outcome: winners.length === 0 ? 'no_votes' : winners.length === 1 ? 'decided' : 'tie',
    quorum: null,
    decision: null,
    counts: null,
    approval: approval?.counts ?? null,
    ranked,
    winners,
    missingConsents: [],
  };
}
