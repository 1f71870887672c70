import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, creditCodeProblem } from './credit-code';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const body17 = fc.array(fc.constantFrom(...ALPHABET), { minLength: 17, maxLength: 17 }).map((cs) => cs.join(''));

describe('统一社会信用代码', () => {
  it('accepts published codes', () => {
    expect(creditCodeProblem('91350100M000100Y43')).toBeUndefined();
    expect(creditCodeProblem('91110000600037341L')).toBeUndefined();
  });

  it('refuses the wrong length or characters outside the alphabet as format', () => {
    expect(creditCodeProblem('91350100M000100Y4')).toBe('format');
    expect(creditCodeProblem('91350100M000100Y433')).toBe('format');
    expect(creditCodeProblem('91350100I000100Y43')).toBe('format');
    expect(creditCodeProblem('91350100m000100Y43')).toBe('format');
  });

  it('refuses a wrong check character', () => {
    expect(creditCodeProblem('91350100M000100Y44')).toBe('check_digit');
  });

  it('accepts any body with its computed check character', () => {
    fc.assert(fc.property(body17, (body) => creditCodeProblem(body + creditCodeCheckChar(body)!) === undefined));
  });

  it('detects every single changed character (31 is prime, no weight is a multiple of it)', () => {
    fc.assert(
      fc.property(body17, fc.nat(16), fc.constantFrom(...ALPHABET), (body, at, c) => {
        fc.pre(body[at] !== c);
        const code = body + creditCodeCheckChar(body)!;
        const changed = code.slice(0, at) + c + code.slice(at + 1);
        return creditCodeProblem(changed) === 'check_digit';
      }),
    );
  });
});
