import { describe, expect, it } from 'vitest';
import { builtInRules } from '../../../../domain/voting';
import en from '../../locales/en.json';
import zh from '../../locales/zh-CN.json';
import { ruleInWords } from './ballot-rule';

/** A `t` over one locale file, with `{name}` interpolation as vue-i18n does it. */
function translator(messages: Record<string, unknown>) {
  return (key: string, params: Record<string, unknown> = {}) => {
    const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages);
    if (typeof value !== 'string') throw new Error(`missing message ${key}`);
    return value.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));
  };
}

describe('rules in plain words', () => {
  it('words Art. 278 major as the law reads: 2/3 take part by area and heads, 3/4 of them agree', () => {
    const words = ruleInWords(
      { key: 'civil_code_278_major', version: 1, fallback: [] },
      'owners',
      translator(zh),
      'zh-CN',
    );
    expect(words).toBe(
      '参与表决的业主专有面积和人数均需达到三分之二以上，同意的专有面积和人数均需达到参与表决者的四分之三以上',
    );
  });

  it('says 过半数 for the general item and a supermajority’s own threshold', () => {
    const t = translator(zh);
    expect(ruleInWords({ key: 'civil_code_278_general', version: 1, fallback: [] }, 'owners', t, 'zh-CN')).toContain(
      '同意的专有面积和人数均需超过参与表决者的半数',
    );
    const strict = { num: 3, den: 5, inclusive: false };
    expect(
      ruleInWords({ key: 'supermajority', version: 1, threshold: strict, fallback: [] }, 'council', t, 'zh-CN'),
    ).toBe('同意的人数需超过同意与反对票合计的五分之三');
  });

  it('has words for every built-in rule in both languages, and falls back to the server’s for an unknown one', () => {
    for (const [messages, locale] of [
      [zh, 'zh-CN'],
      [en, 'en'],
    ] as const) {
      const t = translator(messages);
      for (const rule of builtInRules) {
        const words = ruleInWords(
          { key: rule.key, version: rule.version, fallback: [] },
          rule.electorates[0]!,
          t,
          locale,
        );
        expect(words.length, `${rule.key} in ${locale}`).toBeGreaterThan(4);
      }
    }
    expect(
      ruleInWords(
        { key: 'provincial_rule', version: 1, fallback: ['人数 ≥ 2/3（占全体）', null] },
        'owners',
        translator(zh),
        'zh-CN',
      ),
    ).toBe('人数 ≥ 2/3（占全体）');
  });
});
