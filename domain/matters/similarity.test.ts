import { describe, expect, it } from 'vitest';
import { SIMILAR_THRESHOLD, titleSimilarity } from './similarity';

describe('title similarity', () => {
  it('finds the same request worded differently', () => {
    expect(titleSimilarity('5幢2单元加装电梯', '五幢二单元想加装电梯')).toBeGreaterThan(SIMILAR_THRESHOLD);
    expect(titleSimilarity('加装电梯', '加装电梯')).toBe(1);
  });

  it('keeps unrelated matters apart', () => {
    expect(titleSimilarity('小区停车难', '楼道灯坏了')).toBeLessThan(SIMILAR_THRESHOLD);
    expect(titleSimilarity('', '加装电梯')).toBe(0);
  });

  it('ignores spaces and punctuation', () => {
    expect(titleSimilarity('加装 电梯！', '加装电梯')).toBe(1);
  });
});
