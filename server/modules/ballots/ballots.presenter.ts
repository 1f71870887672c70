import {
  effectiveBallotStatus,
  describeThreshold,
  resolveRule,
  ruleKeys,
  type Conditions,
  type DecisionRule,
  type RuleKey,
} from '../../../domain/voting';
import type { BallotOptionRow, BallotRow } from './casting/cast';
import type { BallotResult } from '../../../contracts/ballots';
import { clockNow } from '../../clock';

const measureWords: Record<string, string> = { heads: '人数', area: '专有面积', households: '户数' };
const ofWords: Record<string, string> = { electorate: '全体', participants: '参与表决', decisive: '同意与反对' };

/** A rule's conditions in words, e.g. "参与表决 专有面积 ≥ 2/3 且 人数 ≥ 2/3（占全体）". */
export function conditionsText(c: Conditions | null): string | null {
  if (!c) return null;
  const parts = c.checks.map(
    (k) => `${measureWords[k.measure]} ${describeThreshold(k.threshold)}（占${ofWords[k.of]}）`,
  );
  return parts.join(c.mode === 'all' ? ' 且 ' : ' 或 ');
}

export function ballotRule(ballot: Pick<BallotRow, 'ruleKey' | 'ruleVersion' | 'ruleThreshold'>): DecisionRule {
  const key = ruleKeys.find((k) => k === ballot.ruleKey) as RuleKey;
  return resolveRule({ key, version: ballot.ruleVersion, threshold: ballot.ruleThreshold ?? undefined });
}

export function presentRule(rule: DecisionRule) {
  return {
    name: rule.name,
    citation: rule.citation,
    isStatutory: rule.isStatutory,
    method: rule.method,
    quorum: conditionsText(rule.quorum),
    decision: conditionsText(rule.decision),
  };
}

export function presentSummary(
  ballot: BallotRow,
  options: readonly BallotOptionRow[],
  scope: { id: number; name: string } | null,
) {
  return {
    id: ballot.id,
    matterId: ballot.matterId,
    councilId: ballot.councilId,
    question: ballot.question,
    description: ballot.description,
    ruleKey: ballot.ruleKey,
    ruleVersion: ballot.ruleVersion,
    threshold: ballot.ruleThreshold ?? null,
    electorateKind: ballot.electorateKind,
    scope,
    secrecy: ballot.secrecy,
    allowsChange: ballot.allowsChange,
    proxyCap: ballot.proxyCap,
    requiredDwellingIds: ballot.requiredDwellingIds,
    status: effectiveBallotStatus(ballot),
    closesAt: ballot.closesAt.toISOString(),
    openedAt: ballot.openedAt?.toISOString() ?? null,
    closedAt: ballot.closedAt?.toISOString() ?? null,
    usesPapers: ballot.usesPapers,
    noticeOverride: ballot.noticeOverride ?? null,
    options: options.map((o) => ({ id: o.id, position: o.position, label: o.label })),
  };
}

/**
 * An open ballot whose closing time has passed reads as counting (papers in use) or closed, whether
 * or not the job has run yet.
 */
export const effectiveStatus = (ballot: Pick<BallotRow, 'status' | 'closesAt' | 'usesPapers'>, now = clockNow()) =>
  effectiveBallotStatus(ballot, now);

export const storedResult = (ballot: BallotRow) => (ballot.result ?? null) as BallotResult | null;
