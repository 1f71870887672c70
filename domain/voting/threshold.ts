/**
 * Exact thresholds (Civil Code Art. 1259): 以上/以下/以内/届满 include the number, 不满/超过/以外 and
 * 过半数 exclude it. Every comparison is on integers — counts of heads or households, areas in
 * hundredths of m² — cross-multiplied as bigint, so no boundary is ever decided by rounding.
 */

/** `num/den` with `inclusive` for 以上 (≥) and not for 过半数 / 超过 (>). */
export type Threshold = { num: number; den: number; inclusive: boolean };

/** 三分之二以上: ≥ 2/3. */
export const twoThirdsOrMore: Threshold = { num: 2, den: 3, inclusive: true };
/** 四分之三以上: ≥ 3/4. */
export const threeQuartersOrMore: Threshold = { num: 3, den: 4, inclusive: true };
/** 过半数: strictly more than 1/2. */
export const moreThanHalf: Threshold = { num: 1, den: 2, inclusive: false };

/** An exact fraction of two non-negative integers, as the result page shows it. */
export type Ratio = { part: bigint; whole: bigint };

/**
 * Whether `part/whole` reaches the threshold. An empty base (`whole` 0) never passes: a decision
 * with nobody to decide it is not a decision.
 */
export function meets({ part, whole }: Ratio, t: Threshold): boolean {
  if (whole <= 0n) return false;
  const lhs = part * BigInt(t.den);
  const rhs = whole * BigInt(t.num);
  return t.inclusive ? lhs >= rhs : lhs > rhs;
}

/** A threshold in words, e.g. "≥ 2/3" or "> 1/2". */
export function describeThreshold(t: Threshold): string {
  return `${t.inclusive ? '≥' : '>'} ${t.num}/${t.den}`;
}

/**
 * `part/whole` as a percentage with `digits` decimals, rounded half up — for display only; the
 * decision itself is `meets`. An empty base reads "0".
 */
export function percent({ part, whole }: Ratio, digits = 2): string {
  if (whole <= 0n) return (0).toFixed(digits);
  const scale = 10n ** BigInt(digits);
  const scaled = (part * 100n * scale * 2n + whole) / (whole * 2n);
  const whole_ = scaled / scale;
  const fraction = (scaled % scale).toString().padStart(digits, '0');
  return digits === 0 ? whole_.toString() : `${whole_}.${fraction}`;
}

/** Checks a threshold is a proper fraction in (0, 1]. */
export function isValidThreshold(t: Threshold): boolean {
  return Number.isInteger(t.num) && Number.isInteger(t.den) && t.den > 0 && t.num > 0 && t.num <= t.den;
}
