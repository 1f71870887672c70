/** Mainland China mobile numbers: 11 digits starting with 1[3-9]. */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;

/** 13812345678 → 138****5678; anything else keeps only its last two characters visible. */
export function maskPhone(phone: string): string {
  if (PHONE_PATTERN.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  return phone.length <= 2 ? '*'.repeat(phone.length) : `${'*'.repeat(phone.length - 2)}${phone.slice(-2)}`;
}

/** Trims spaces, dashes and a +86/86 prefix. */
export function normalisePhone(input: string): string {
  const digits = input.replace(/[\s-]/g, '');
  return digits.replace(/^(\+?86)(?=1\d{10}$)/, '');
}
