import { createI18n } from 'vue-i18n';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import zhCN from './zh-CN.json';
import { matterCategories, matterCategoryNames } from '../../../domain/matters/taxonomy';
import { governanceTexts, governances } from '../../../domain/governance/governances';
import { STAFF_LABEL, SUPERVISOR_LABEL } from '../../../domain/people/public-name';

type Messages = { [key: string]: string | Messages };

/** Every message as `a.b.c` → text. */
function flatten(messages: Messages, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const english = flatten(en);
const chinese = flatten(zhCN);
/** CJK ideographs (the unified blocks, extension A and the compatibility block). */
const IDEOGRAPH = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const placeholders = (text: string) => [...new Set(text.match(/\{\w+\}/g) ?? [])].sort();

/**
 * Sentence pieces one language needs and the other leaves out: the ballot rule sentence is built
 * from them (web/src/features/ballots/ballot-format.ts), and word order differs.
 */
const MAY_BE_EMPTY: Record<string, string> = {
  'ballots.words.need': 'English says "must be" inside the sentence; Chinese inserts 需 here',
  'ballots.words.bothNeed': 'English says "must be" inside the sentence; Chinese inserts 均需 here',
  'ballots.words.base.electorate': 'Chinese 过半数 means "of all" without a word for it',
  'ballots.who.households': 'Chinese names the measure (户数) and no voter noun for households',
  'ballots.who.householdsOnly': 'as ballots.who.households',
};
/** The rule sentence's pieces the English word order does not use. */
const PLACEHOLDERS_MAY_DIFFER: Record<string, string> = {
  'ballots.words.quorum': '{need} is the Chinese 需 / 均需; English says "must be"',
  'ballots.words.decision': '{need} is the Chinese 需 / 均需; English says "must be"',
};
/**
 * English messages allowed to hold Chinese, each with its reason. Empty today: the switch's own
 * "中文" label is written in TheLocaleSwitch.vue, not in a locale, so it reads the same in both.
 */
const CHINESE_IN_ENGLISH: Record<string, string> = {};

describe('the two locales', () => {
  it('have the same keys', () => {
    expect([...english.keys()].filter((k) => !chinese.has(k))).toEqual([]);
    expect([...chinese.keys()].filter((k) => !english.has(k))).toEqual([]);
  });

  it('have no empty message but the sentence pieces one language leaves out', () => {
    const empty = [...english, ...chinese].filter(([k, v]) => v.trim() === '' && !(k in MAY_BE_EMPTY));
    expect(empty.map(([k]) => k)).toEqual([]);
    // The allow list holds only what is empty now: a piece filled in again leaves it.
    for (const key of Object.keys(MAY_BE_EMPTY)) expect(english.get(key) === '' || chinese.get(key) === '').toBe(true);
  });

  it('write English without Chinese characters', () => {
    const chineseInEnglish = [...english].filter(([k, v]) => IDEOGRAPH.test(v) && !(k in CHINESE_IN_ENGLISH));
    expect(chineseInEnglish).toEqual([]);
  });

  it('fill the same placeholders in both languages', () => {
    const differing = [...chinese]
      .filter(([k]) => !(k in PLACEHOLDERS_MAY_DIFFER))
      .filter(([k, v]) => placeholders(v).join() !== placeholders(english.get(k) ?? '').join())
      .map(([k]) => k);
    expect(differing).toEqual([]);
  });

  it('compile every message in both languages', () => {
    const i18n = createI18n({ legacy: false, locale: 'en', messages: { en, 'zh-CN': zhCN } });
    for (const locale of ['en', 'zh-CN'] as const) {
      for (const key of (locale === 'en' ? english : chinese).keys()) {
        expect(() => i18n.global.t(key, {}, { locale }), key).not.toThrow();
      }
    }
  });
});

describe('English counts', () => {
  const { t } = createI18n({ legacy: false, locale: 'en', messages: { en, 'zh-CN': zhCN } }).global;
  const zh = (key: string, named: Record<string, unknown>, n: number) => t(key, named, { plural: n, locale: 'zh-CN' });

  it('say one supporter and two supporters', () => {
    expect(t('matters.supportCount', { count: 1 }, 1)).toBe('1 supporter');
    expect(t('matters.supportCount', { count: 2 }, 2)).toBe('2 supporters');
    expect(t('matters.supportCount', { count: 0 }, 0)).toBe('0 supporters');
    expect(zh('matters.supportCount', { count: 1 }, 1)).toBe(
      chinese.get('matters.supportCount')!.replace('{count}', '1'),
    );
  });

  it('give every counted noun a singular form', () => {
    const counted: [string, Record<string, unknown>, string][] = [
      ['councils.termAndSeats', { start: 'a', end: 'b', count: 1 }, 'Term a to b · 1 member'],
      ['publicMatter.chainIntact', { n: 1 }, 'Record chain intact, 1 entry'],
      ['publicMatter.objectionCount', { n: 1, answered: 1 }, '1 objection received, 1 answered'],
      ['publicMatter.followUpsLine', { n: 1, avg: 5 }, '1 follow-up, average satisfaction 5 / 5'],
      ['statistics.hints.satisfaction', { n: 1 }, '1 follow-up'],
      ['chain.bulletinMatters', { n: 1 }, '1 matter'],
      ['publication.hidden.name', { n: 1 }, '1 name'],
      ['implementation.review.stars', { n: 1 }, '1 star'],
      ['roster.report.hasProblems', { rows: 1 }, '1 row has problems.'],
      ['bulletins.taskLine', { due: '2026-01-01', days: 1 }, 'due 2026-01-01, 1 day overdue'],
    ];
    for (const [key, named, singular] of counted) {
      const counter = ['count', 'n', 'rows', 'days'].find((k) => k in named)!;
      // vue-i18n adds `n` and `count` to the values it is given: each call gets its own copy.
      const one = t(key, { ...named }, 1);
      expect(one, key).toContain(singular);
      // Two forms: "3 members" is not "3 member".
      const three = t(key, { ...named, [counter]: 3 }, 3);
      expect(three.replace(/\b3\b/g, '1'), key).not.toBe(one);
    }
  });

  it('leave no count before a bare plural noun without a singular form', () => {
    // "{n} things" with no "|": one thing would read "1 things".
    const bare = [...english].filter(([, v]) => !v.includes('|') && /\{(n|count)\} [a-z-]+s\b/.test(v));
    expect(bare.map(([k]) => k)).toEqual([]);
  });
});

describe('words the server also prints', () => {
  it('names the built-in categories as the domain table does (the dossier and the pages agree)', () => {
    expect(zhCN.matters.categories).toEqual(matterCategoryNames);
    expect(Object.keys(en.matters.categories).sort()).toEqual([...matterCategories].sort());
  });

  it('labels staff and supervisors as the public texts and the dossier do', () => {
    expect(zhCN.people.staff).toBe(STAFF_LABEL);
    expect(zhCN.people.supervisor).toBe(SUPERVISOR_LABEL);
  });

  it('names the four governances and their meanings as the domain does, in both languages', () => {
    for (const [messages, lang] of [
      [zhCN, 'zh-CN'],
      [en, 'en'],
    ] as const)
      for (const g of governances) {
        expect(messages.governance.names[g]).toBe(governanceTexts[g].name[lang]);
        expect(messages.governance.meanings[g]).toBe(governanceTexts[g].meaning[lang]);
      }
  });
});
