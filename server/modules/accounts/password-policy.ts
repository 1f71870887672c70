import { randomInt } from 'node:crypto';
import { PASSWORD_MAX_LENGTH } from '../../../contracts/accounts';
import type { MessageCode } from '../../i18n/messages';

/** The shortest password a staff account may choose. */
export const PASSWORD_MIN_LENGTH = 10;

/**
 * Why a new password is refused, or undefined when it is acceptable: at least ten characters, not
 * only digits (a date or a phone number), not the account's phone, not the password it replaces.
 */
export function passwordRefusal(
  candidate: string,
  context: { phone: string; currentPassword?: string },
): MessageCode | undefined {
  if (candidate.length < PASSWORD_MIN_LENGTH) return 'password.too_short';
  if (candidate.length > PASSWORD_MAX_LENGTH) return 'password.too_long';
  if (/^\d+$/.test(candidate)) return 'password.all_digits';
  if (context.phone && candidate.includes(context.phone)) return 'password.contains_phone';
  if (context.currentPassword !== undefined && candidate === context.currentPassword) return 'password.unchanged';
  return undefined;
}

// No 0/O, 1/l/I: the one-time password is read off a terminal and typed on a phone.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time password of three groups of four (about 69 bits), e.g. `Kq7m-xT3a-9hPw`. */
export function generateOneTimePassword(): string {
  for (;;) {
    const groups = Array.from({ length: 3 }, () =>
      Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
    );
    const candidate = groups.join('-');
    // Always true with dashes and letters, but the policy is the single judge.
    if (!passwordRefusal(candidate, { phone: '' }) && /[a-zA-Z]/.test(candidate)) return candidate;
  }
}
