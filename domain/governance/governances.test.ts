import { describe, expect, it } from 'vitest';
import { governanceName, governances, normaliseGovernances, suggestGovernances, UNTAGGED } from './governances';

describe('the four governances', () => {
  it('are self-governance, rule of law, rule of virtue and smart governance, in that order', () => {
    expect(governances).toEqual(['autonomy', 'law', 'virtue', 'smart']);
    expect(governances.map(governanceName)).toEqual(['自治', '法治', '德治', '智治']);
    expect(governanceName(UNTAGGED)).toBe('未标注');
  });

  it('normalises a set to each once, in the declared order', () => {
    expect(normaliseGovernances(['smart', 'autonomy', 'smart'])).toEqual(['autonomy', 'smart']);
    expect(normaliseGovernances([])).toEqual([]);
  });
});

describe('suggestGovernances', () => {
  it("suggests the category's governances", () => {
    expect(suggestGovernances('mediation')).toEqual(['law', 'virtue']);
    expect(suggestGovernances('environment')).toEqual(['autonomy']);
  });

  it("adds the format's defaults, each once", () => {
    expect(suggestGovernances('environment', ['autonomy', 'smart'])).toEqual(['autonomy', 'smart']);
    expect(suggestGovernances('care', ['autonomy', 'virtue'])).toEqual(['autonomy', 'virtue']);
  });

  it("suggests only the format's defaults for a community's own category", () => {
    expect(suggestGovernances('停车难', ['law'])).toEqual(['law']);
    expect(suggestGovernances('停车难')).toEqual([]);
    expect(suggestGovernances('toString')).toEqual([]);
  });
});
