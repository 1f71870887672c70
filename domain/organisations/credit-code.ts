/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (digits and capitals
 * without I, O, Z, S, V); the last is a check character computed from the first 17.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Length of a 统一社会信用代码. */
export const CREDIT_CODE_LENGTH = 18;

/** The check character for the first 17 characters (undefined when one is outside the alphabet). */
export function creditCodeCheckChar(first17: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < WEIGHTS.length; i += 1) {
    const value = ALPHABET.indexOf(first17[i] ?? '');
    if (value < 0) return undefined;
    sum += value * WEIGHTS[i]!;
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** Why a code is not a valid 统一社会信用代码, or undefined when it is (compare upper-cased). */
export function creditCodeProblem(code: string): 'format' | 'check_digit' | undefined {
  if (code.length !== CREDIT_CODE_LENGTH || [...code].some((c) => !ALPHABET.includes(c))) return 'format';
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? undefined : 'check_digit';
}
