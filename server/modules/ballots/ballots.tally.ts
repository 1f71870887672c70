/**
 * The count at close, with domain/voting. Named ballots read the choice on each vote row; secret
 * ballots read ballot_secret_choices, which carry the weights the rule needs (area, household) but no
 * elector: each secret choice stands for one anonymous participant, and the electors who did not take
 * part (known from the participation rows) complete the electorate, so every total is exact.
 */
import { eq, sql } from 'drizzle-orm';
import {
  describeThreshold,
  percent,
  tallyApproval,
  tallyRanked,
  tallyYesNo,
  type ConditionsResult,
  type Elector,
  type YesNoChoice,
} from '../../../domain/voting';
import type { DbOrTx } from '../../db/client';
import { ballotElectors, ballotSecretChoices, ballotVotes } from '../../db/schema';
import type { BallotChoice, BallotRow, SecretChoice } from './ballots.cast';
import { ballotRule } from './ballots.presenter';
import { ballotOptionsOf } from './ballots.repository';
import type { BallotResult } from './ballots.schemas';

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

/** The electorate and the counted choices, as the domain sees them. */
async function gather(db: DbOrTx, ballot: BallotRow) {
  const rows = await db
    .select({
      id: ballotElectors.id,
      key: ballotElectors.key,
      label: ballotElectors.label,
      area: ballotElectors.areaCenti,
      householdId: ballotElectors.householdId,
      residentIds: ballotElectors.residentIds,
      dwellingIds: ballotElectors.dwellingIds,
      voteId: ballotVotes.id,
      choice: ballotVotes.choice,
    })
    .from(ballotElectors)
    .leftJoin(
      ballotVotes,
      sql`${ballotVotes.ballotId} = ${ballotElectors.ballotId} and ${ballotVotes.electorId} = ${ballotElectors.id}`,
    )
    .where(eq(ballotElectors.ballotId, ballot.id));
  const toElector = (r: (typeof rows)[number]): Elector => ({
    key: r.key,
    area: r.area,
    householdId: r.householdId,
    personIds: r.residentIds,
    dwellingIds: r.dwellingIds,
  });
  const electors: Elector[] = [];
  const counted: Counted[] = [];
  if (ballot.secrecy === 'named') {
    for (const r of rows) {
      const elector = toElector(r);
      electors.push(elector);
      if (r.voteId !== null) counted.push({ elector, choice: r.choice as BallotChoice });
    }
  } else {
    // Those who did not vote are known; those who did are replaced by anonymous participants.
    for (const r of rows) if (r.voteId === null) electors.push(toElector(r));
    const secret = await db
      .select({ choice: ballotSecretChoices.choice })
      .from(ballotSecretChoices)
      .where(eq(ballotSecretChoices.ballotId, ballot.id));
    secret.forEach((s, i) => {
      const c = s.choice as SecretChoice;
      const elector: Elector = {
        key: `secret:${i}`,
        area: BigInt(c.area),
        householdId: c.householdId,
        personIds: [],
        dwellingIds: [],
      };
      electors.push(elector);
      counted.push({ elector, choice: c });
    });
  }
  return { rows, electors, counted };
}

async function channelCounts(db: DbOrTx, ballotId: number) {
  const { rows } = await db.execute<{ channel: string; n: string }>(
    sql`select channel, count(*)::text as n from ${ballotVotes} where ballot_id = ${ballotId} group by channel`,
  );
  const channels = { online: 0, proxy: 0, assisted: 0, paper: 0 };
  for (const r of rows) channels[r.channel as keyof typeof channels] = Number(r.n);
  return channels;
}

/** Counts the ballot under its stored rule; bigints as strings (area in hundredths of m²). */
export async function tallyBallot(db: DbOrTx, ballot: BallotRow): Promise<BallotResult> {
  const rule = ballotRule(ballot);
  const { rows, electors, counted } = await gather(db, ballot);
  const base = {
    isStatutory: rule.isStatutory,
    ruleName: rule.name,
    citation: rule.citation,
    electorate: totals(electors),
    participants: totals(counted.map((c) => c.elector)),
    channels: await channelCounts(db, ballot.id),
  };
  if (rule.method === 'yes_no' || rule.method === 'consent') {
    const choices = new Map<string, YesNoChoice>();
    for (const c of counted) if (c.choice.kind === 'yes_no') choices.set(c.elector.key, c.choice.choice);
    const required = new Set(ballot.requiredDwellingIds);
    const requiredKeys = rows.filter((r) => r.dwellingIds.some((d) => required.has(d))).map((r) => r.key);
    const result = tallyYesNo(rule, electors, choices, { requiredConsents: requiredKeys });
    const labelOf = new Map(rows.map((r) => [r.key, r.label]));
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
