import { describe, expect, it } from 'vitest';
import { generateOneTimePassword, passwordRefusal } from './password-policy';

const phone = '13912345678';

describe('passwordRefusal', () => {
  it.each([
    ['short-pw1', 'password.too_short'],
    ['x'.repeat(201), 'password.too_long'],
    ['19800101123', 'password.all_digits'],
    ['13912345678', 'password.all_digits'],
    ['me13912345678!', 'password.contains_phone'],
  ])('refuses %s with %s', (candidate, code) => {
    expect(passwordRefusal(candidate, { phone })).toBe(code);
  });

  it('refuses the password being replaced', () => {
    expect(passwordRefusal('qiao-tou-2026', { phone, currentPassword: 'qiao-tou-2026' })).toBe('password.unchanged');
  });

  it('accepts ten characters that are not only digits', () => {
    expect(passwordRefusal('qiao-tou-1', { phone, currentPassword: 'other-one-2' })).toBeUndefined();
    expect(passwordRefusal('桥头村议事会2026', { phone })).toBeUndefined();
  });
});

describe('generateOneTimePassword', () => {
  it('gives distinct passwords the policy accepts, without look-alike characters', () => {
    const passwords = Array.from({ length: 200 }, generateOneTimePassword);
    expect(new Set(passwords).size).toBe(200);
    for (const password of passwords) {
      expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{4}(-[a-km-zA-HJ-NP-Z2-9]{4}){2}$/);
      expect(passwordRefusal(password, { phone })).toBeUndefined();
    }
  });
});
