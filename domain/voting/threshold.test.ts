import { describe, expect, it } from 'vitest';
import { describeThreshold, meets, moreThanHalf, percent, twoThirdsOrMore } from './threshold';

describe('thresholds (Civil Code Art. 1259)', () => {
  it('以上 includes the boundary and 过半数 excludes it', () => {
    expect(meets({ part: 2n, whole: 3n }, twoThirdsOrMore)).toBe(true);
    expect(meets({ part: 1n, whole: 2n }, moreThanHalf)).toBe(false);
    expect(meets({ part: 51n, whole: 100n }, moreThanHalf)).toBe(true);
  });
  it('never passes an empty base', () => {
    expect(meets({ part: 0n, whole: 0n }, twoThirdsOrMore)).toBe(false);
  });
  it('decides areas beyond floating point exactly', () => {
    // 2/3 of 9,007,199,254,740,992 hundredths falls between integers far beyond a double’s precision.
    const whole = 9_007_199_254_740_992n;
    expect(meets({ part: (whole * 2n) / 3n, whole }, twoThirdsOrMore)).toBe(false);
    expect(meets({ part: (whole * 2n) / 3n + 1n, whole }, twoThirdsOrMore)).toBe(true);
  });
  it('prints percentages rounded half up for display and the rule in words', () => {
    expect(percent({ part: 2n, whole: 3n })).toBe('66.67');
    expect(percent({ part: 1n, whole: 8n }, 1)).toBe('12.5');
    expect(percent({ part: 1n, whole: 3n }, 0)).toBe('33');
    expect(percent({ part: 0n, whole: 0n })).toBe('0.00');
    expect(describeThreshold(twoThirdsOrMore)).toBe('≥ 2/3');
  });
});
