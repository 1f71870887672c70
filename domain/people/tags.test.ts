import { describe, expect, it } from 'vitest';
import { builtInTags, normaliseTags, tagsProblem } from './tags';

describe('member pool tags', () => {
  it('trims tags and drops repeats, keeping the first order', () => {
    expect(normaliseTags([' 党员', '乡贤', '党员 ', '志愿者'])).toEqual(['党员', '乡贤', '志愿者']);
  });

  it('refuses empty, over-long and too many tags', () => {
    expect(tagsProblem(normaliseTags(['  ']))).toBe('empty');
    expect(tagsProblem(['一'.repeat(21)])).toBe('too_long');
    expect(tagsProblem(['一'.repeat(20)])).toBeUndefined();
    expect(tagsProblem(Array.from({ length: 11 }, (_, i) => `标签${i}`))).toBe('too_many');
    expect(tagsProblem([...builtInTags])).toBeUndefined();
  });
});
