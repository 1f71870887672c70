import { formatArea } from '../../components/format';
import type { ConditionMode, ConditionPart, ElectorateKind, Measure, Threshold } from './ballots.api';

/** A threshold as the server words it ("≥ 2/3") or as data. */
export type ThresholdValue = string | Threshold;
/** A rule's condition as the web words it from domain/voting. */
export type RuleCheck = { measure: Measure; part: string; of: string; threshold: ThresholdValue };
export type RuleConditions = { mode: ConditionMode; checks: readonly RuleCheck[] } | null;

/** Pure formatting for ballots: thresholds, rules in plain words, exact fractions, areas, the countdown. */
type Translate = (key: string, params?: Record<string, unknown>) => string;

const zhDigits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 1–99 in Chinese numerals (二十, 三十五), enough for thresholds. */
export function zhNumber(n: number): string {
  if (n <= 10) return zhDigits[n] ?? String(n);
  if (n < 20) return `十${zhDigits[n - 10]}`;
  if (n < 100) return `${zhDigits[Math.floor(n / 10)]}十${n % 10 ? zhDigits[n % 10] : ''}`;
  return String(n);
}

/** Reads "≥ 2/3", "> 1/2" or a threshold object into data. */
export function parseThreshold(value: ThresholdValue): Threshold | null {
  if (typeof value !== 'string') return value;
  const m = /^\s*(≥|>|>=)\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  if (!m) return null;
  return { num: Number(m[2]), den: Number(m[3]), inclusive: m[1] !== '>' };
}

/** "≥ 2/3" (以上, includes the number) or "> 1/2" (超过, excludes it). */
export function thresholdText(value: ThresholdValue): string {
  const th = parseThreshold(value);
  if (!th) return String(value);
  return `${th.inclusive ? '≥' : '>'} ${th.num}/${th.den}`;
}

/**
 * 达到三分之二以上 / 过半数 / 超过参与表决者的半数 (zh) or "at least 2/3" / "more than half of …" (en);
 * `base` names what the fraction is of (empty for the whole electorate in zh).
 */
export function thresholdWords(value: ThresholdValue, locale: string, base = ''): string {
  const th = parseThreshold(value);
  if (!th) return String(value);
  const isHalf = th.num * 2 === th.den;
  if (locale.startsWith('zh')) {
    if (isHalf && !th.inclusive) return base ? `超过${base}半数` : '过半数';
    const frac = isHalf ? '半数' : `${zhNumber(th.den)}分之${zhNumber(th.num)}`;
    return th.inclusive ? `达到${base}${frac}以上` : `超过${base}${frac}`;
  }
  const frac = isHalf ? 'half' : `${th.num}/${th.den}`;
  return `${th.inclusive ? 'at least' : 'more than'} ${frac}${base ? ` ${base}` : ''}`;
}

const sameThreshold = (checks: readonly RuleCheck[]) =>
  checks.every((c) => thresholdText(c.threshold) === thresholdText(checks[0]!.threshold));

function measuresText(checks: readonly RuleCheck[], t: Translate): string {
  return checks.map((c) => t(`ballots.measureNoun.${c.measure}`)).join(t('ballots.and'));
}

/** One sentence for a rule's quorum or decision conditions, e.g. 参与表决的业主专有面积和人数均需达到三分之二以上. */
export function conditionsInWords(
  conditions: RuleConditions,
  part: ConditionPart,
  kind: ElectorateKind | 'villagers',
  t: Translate,
  locale: string,
): string {
  if (!conditions || conditions.checks.length === 0) return '';
  const groups: RuleCheck[][] =
    conditions.mode === 'all' && sameThreshold(conditions.checks)
      ? [[...conditions.checks]]
      : conditions.checks.map((c) => [c]);
  const phrases = groups.map((g) =>
    t(`ballots.words.${part}`, {
      // "参与表决的户数", not "参与表决的居民户数": a household takes part as one.
      who: t(g.every((c) => c.measure === 'households') ? 'ballots.who.householdsOnly' : `ballots.who.${kind}`),
      measures: measuresText(g, t),
      need: t(g.length > 1 ? 'ballots.words.bothNeed' : 'ballots.words.need'),
      threshold: thresholdWords(g[0]!.threshold, locale, t(`ballots.words.base.${g[0]!.of}`)),
    }),
  );
  return phrases.join(t(conditions.mode === 'any' ? 'ballots.words.or' : 'ballots.words.also'));
}

/** Groups digits of an integer string: "1200" → "1,200". */
const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** A percent as the server gives it ("67.71", "67.71%", 0.6771 is not expected) with a % sign. */
export function percentText(percent: string | number): string {
  const s = String(percent);
  return s.endsWith('%') ? s : `${s}%`;
}

/** A count of the measure: heads and households as integers, area in m² with two decimals. */
export function measureValue(measure: Measure, value: string | number, isHundredths = false): string {
  if (measure !== 'area') return group(String(value));
  return formatArea(value, isHundredths ? 'hundredths' : 'm2');
}

/** One condition of a result as its measure names it, counted as stored (area in hundredths of m²). */
export type CheckFigures = {
  measure: string;
  part: string;
  numerator: string;
  denominator: string;
  percent: string;
  threshold: string;
  met: boolean;
};

/**
 * One quorum or decision check in words with its label and exact fraction, for staff and public pages
 * alike: 同意面积 1,139.69/1,349.82 m²（84.43%）≥ 3/4 ✓, 同意人数 45/52（86.54%）≥ 3/4 ✓.
 */
export function checkLine(c: CheckFigures, t: Translate): string {
  const measure = (['heads', 'area', 'households'] as const).find((m) => m === c.measure) ?? 'heads';
  return t('ballots.result.checkLine', {
    label: t(`ballots.result.checkLabel.${c.part === 'approvals' ? 'approvals' : 'participants'}.${measure}`),
    num: measureValue(measure, c.numerator, true),
    den: measureValue(measure, c.denominator, true),
    unit: measure === 'area' ? ' m²' : '',
    percent: percentText(c.percent),
    threshold: c.threshold,
    mark: c.met ? '✓' : '✗',
  });
}

/** A share between 0 and 1 of two numeric strings, for progress bars only (never at a threshold). */
export function share(part: string | number, whole: string | number): number {
  const p = Number(part);
  const w = Number(whole);
  return w > 0 && Number.isFinite(p) ? Math.min(1, Math.max(0, p / w)) : 0;
}

/** Time left until `closesAt`: days, hours, minutes (and seconds under an hour); null once past. */
export function timeLeft(closesAt: string, now: number): { d: number; h: number; m: number; s: number } | null {
  const ms = new Date(closesAt).getTime() - now;
  if (!(ms > 0)) return null;
  const total = Math.floor(ms / 1000);
  return {
    d: Math.floor(total / 86_400),
    h: Math.floor((total % 86_400) / 3600),
    m: Math.floor((total % 3600) / 60),
    s: total % 60,
  };
}

/** A `datetime-local` value in the browser's zone, `hours` from now, on the hour. */
export function localInputValue(hoursFromNow: number, now = Date.now()): string {
  const d = new Date(now + hoursFromNow * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:00`;
}

const receiptKey = (ballotId: number) => `yishi.ballot.${ballotId}.receipt`;
/** The voter's receipt code, kept on this device so they can check it after close. */
export const receiptStore = {
  get(ballotId: number): string | null {
    try {
      return localStorage.getItem(receiptKey(ballotId));
    } catch {
      return null;
    }
  },
  set(ballotId: number, code: string): void {
    try {
      localStorage.setItem(receiptKey(ballotId), code);
    } catch {
      // Private mode or full storage: the code is still on screen to copy.
    }
  },
};
