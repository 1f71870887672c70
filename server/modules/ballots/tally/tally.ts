/**
 * The count at close, with domain/voting. Named ballots read the choice on each vote row; secret
 * ballots read ballot_secret_choices, which carry the weights the rule needs (area, household) but no
 * elector: each secret choice stands for one anonymous participant, and the electors who did not take
 * part (known from the participation rows) complete the electorate, so every total is exact.
 */
import {
  describeThreshold,
  percent,
  tallyApproval,
  tallyRanked,
  tallyYesNo,
  type ConditionsResult,
  type Elector,
  type YesNoChoice,
} from '../../../../domain/voting';
import type { DbOrTx } from '../../../db/client';
import type { BallotChoice, BallotRow, SecretChoice } from '../casting/cast';
import { ballotRule } from '../ballots.presenter';
import { ballotOptionsOf } from '../ballots.repository';
import type { BallotResult } from '../../../../contracts/ballots';
import {
  electorLabelsHolding,
  electorSnapshotText,
  namedVoteChoices,
  secretChoicesOf,
  voteGroups,
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

/**
 * The electorate, the counted choices and the channels, as the domain sees them, reading only what a
 * count needs: the snapshot as ONE text of id, area and household (100,000 rows of labels, arrays and
 * JSON cost several times the count itself), the participation rows grouped by channel (and, on a
 * named yes/no ballot, by choice) as lists of elector ids, and labels only of the electors whose
 * own consent is required. Inside the count electors are keyed by their snapshot id.
 */
async function gather(db: DbOrTx, ballot: BallotRow) {
  const method = ballotRule(ballot).method;
  const yesNo = method === 'yes_no' || method === 'consent';
  const named = ballot.secrecy === 'named';
  const all = parseElectors(await electorSnapshotText(db, ballot.id));
  const groups = await voteGroups(db, ballot.id, named && yesNo);
  const required = ballot.requiredDwellingIds;
  const labelled = required.length === 0 ? [] : await electorLabelsHolding(db, ballot.id, required);

  const channels: Channels = { online: 0, proxy: 0, assisted: 0, paper: 0 };
  const counted: Counted[] = [];
  // Yes/no ballots: elector key → choice (named: straight from the groups, no object per vote).
  const choices = new Map<string, YesNoChoice>();
  const voted = new Set<string>();
  for (const g of groups) {
    channels[g.channel] += g.n;
    const keys = g.electors.split(',');
    if (named && yesNo) for (const key of keys) choices.set(key, g.yes_no as YesNoChoice);
    else if (!named) for (const key of keys) voted.add(key);
  }
  if (named && !yesNo) {
    const votes = await namedVoteChoices(db, ballot.id);
    const byKey = new Map(all.map((e) => [e.key, e]));
    for (const v of votes) {
      const elector = byKey.get(String(v.electorId));
      if (elector) counted.push({ elector, choice: v.choice as BallotChoice });
    }
  }
  const electors = named ? all : all.filter((e) => !voted.has(e.key));
  if (!named) {
    // Those who did not vote are known; those who did are replaced by anonymous participants.
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
  }
  if (!named && yesNo) {
    for (const c of counted) if (c.choice.kind === 'yes_no') choices.set(c.elector.key, c.choice.choice);
  }
  return { electors, counted, choices, channels, labelled };
}

/** Counts the ballot under its stored rule; bigints as strings (area in hundredths of m²). */
export async function tallyBallot(db: DbOrTx, ballot: BallotRow): Promise<BallotResult> {
  const rule = ballotRule(ballot);
  const { electors, counted, choices, channels, labelled } = await gather(db, ballot);
  const base = { isStatutory: rule.isStatutory, ruleName: rule.name, citation: rule.citation, channels };
  if (rule.method === 'yes_no' || rule.method === 'consent') {
    const result = tallyYesNo(rule, electors, choices, { requiredConsents: labelled.map((r) => r.key) });
    const labelOf = new Map(labelled.map((r) => [r.key, r.label]));
    const of = (t: { heads: bigint; area: bigint; households: bigint }) => ({
      heads: t.heads.toString(),
      area: t.area.toString(),
      households: t.households.toString(),
    });
    const abstain = {
      heads: result.counts.participants.heads - result.counts.decisive.heads,
      area: result.counts.participants.area - result.counts.decisive.area,
      households: result.counts.participants.households - result.counts.decisive.households,
    };
    return {
      ...base,
      // The domain's one pass has already totalled the electorate and the participants.
      electorate: of(result.counts.electorate),
      participants: of(result.counts.participants),
      outcome: result.outcome,
      quorum: presentConditions(result.quorum),
      decision: presentConditions(result.decision),
      counts: { for: of(result.counts.approvals), against: of(result.counts.against), abstain: of(abstain) },
      approval: null,
      ranked: null,
      winners: [],
      missingConsents: result.missingConsents.map((k) => labelOf.get(k) ?? k),
    };
  }
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
