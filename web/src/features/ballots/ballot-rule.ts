import { resolveRule, ruleKeys, type DecisionRule, type RuleKey } from '../../../../domain/voting';
import { conditionsInWords } from './ballot-format';
import type { ElectorateKind, Threshold } from './ballots.api';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** The rule a ballot names, from domain/voting (structured conditions to word them), or null if unknown here. */
export function domainRule(key: string, version: number, threshold?: Threshold | null): DecisionRule | null {
  const known = ruleKeys.find((k) => k === key) as RuleKey | undefined;
  if (!known) return null;
  try {
    return resolveRule({ key: known, version, threshold: threshold ?? undefined });
  } catch {
    return null;
  }
}

/**
 * The rule in plain words, e.g. 参与表决的业主专有面积和人数均需达到三分之二以上，同意的专有面积和人数均需达到
 * 参与表决者的四分之三以上; falls back to the server's short words for a rule this build does not know.
 */
export function ruleInWords(
  ref: { key: string; version: number; threshold?: Threshold | null; fallback: (string | null)[] },
  kind: ElectorateKind,
  t: Translate,
  locale: string,
): string {
  const rule = domainRule(ref.key, ref.version, ref.threshold);
  if (!rule) return ref.fallback.filter(Boolean).join('；');
  // Rural rules speak of 村民 where the electorate is the adult residents.
  const who = kind === 'adult_residents' && rule.key.startsWith('village') ? 'villagers' : kind;
  const parts = [
    conditionsInWords(rule.quorum, 'quorum', who, t, locale),
    conditionsInWords(rule.decision, 'decision', who, t, locale),
  ].filter(Boolean);
  if (rule.method !== 'yes_no') parts.push(t(`ballots.words.${rule.method}`));
  const sentence = parts.join(t('ballots.words.also'));
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
