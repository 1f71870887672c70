import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NameMatcher, substringsOfLengths } from './name-matcher';
import { findPersonalNumbers, foldForScan, idCardCheckDigit, isValidIdCard } from './personal-numbers';
import { NameDirectory, redactPublicText, residentLabel, type DirectoryEntry } from './public-text';

/** A valid ID number (GB 11643 check digit) from 17 digits. */
const withCheck = (first17: string) => first17 + idCardCheckDigit(first17);

const city: DirectoryEntry[] = [
  { name: '张桂芳', kind: 'resident' },
  { name: '张桂', kind: 'resident' },
  { name: '李建国', kind: 'resident' },
  { name: '王秀英', kind: 'staff' },
  { name: '陈律师事务所', kind: 'outside' },
];
const directory = new NameDirectory(city);
const redact = (text: string) => redactPublicText(text, directory).text;

describe('name matcher', () => {
  it('finds every name in one pass, leftmost-longest and without overlaps', () => {
    const matcher = NameMatcher.build(['张桂', '张桂芳', '桂芳', '芳芳', '李四']);
    const hits = matcher.find('张桂芳芳和李四');
    expect(hits.map((h) => matcher.names[h.name])).toEqual(['张桂芳', '李四']);
    expect(
      matcher
        .findAll('张桂芳')
        .map((h) => matcher.names[h.name])
        .sort(),
    ).toEqual(['张桂', '张桂芳', '桂芳']);
  });

  it('ignores one-character names and duplicates', () => {
    const matcher = NameMatcher.build(['王', '王五', ' 王五 ']);
    expect(matcher.size).toBe(1);
    expect(matcher.find('王说王五来了')).toEqual([{ start: 2, end: 4, name: 0 }]);
  });

  it('matches names that are suffixes or parts of longer ones', () => {
    const matcher = NameMatcher.build(['欧阳娜娜', '阳娜', '娜娜']);
    expect(matcher.find('欧阳娜说').map((h) => matcher.names[h.name])).toEqual(['阳娜']);
    expect(matcher.find('欧阳娜娜说').map((h) => matcher.names[h.name])).toEqual(['欧阳娜娜']);
  });

  it('finds exactly what trying every substring finds, leftmost-longest (property)', () => {
    const text = (max: number) =>
      fc.array(fc.constantFrom(...'张王李桂芳娜阳 。'), { maxLength: max }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.array(text(6), { maxLength: 12 }), text(40), (names, t) => {
        const matcher = NameMatcher.build(names);
        const known = new Set(names.map((n) => n.trim()).filter((n) => n.length >= 2));
        const every: { start: number; end: number }[] = [];
        for (let i = 0; i < t.length; i += 1)
          for (let j = i + 2; j <= t.length; j += 1) if (known.has(t.slice(i, j))) every.push({ start: i, end: j });
        const found = matcher.findAll(t).map(({ start, end }) => ({ start, end }));
        const byPosition = (a: { start: number; end: number }, b: { start: number; end: number }) =>
          a.start - b.start || b.end - a.end;
        expect(found.sort(byPosition)).toEqual(every.sort(byPosition));
        const chosen: { start: number; end: number }[] = [];
        for (const hit of every) if (hit.start >= (chosen.at(-1)?.end ?? 0)) chosen.push(hit);
        expect(matcher.find(t).map(({ start, end }) => ({ start, end }))).toEqual(chosen);
        for (const hit of matcher.find(t)) expect(matcher.names[hit.name]).toBe(t.slice(hit.start, hit.end));
      }),
      { numRuns: 500 },
    );
  });
});

describe("the substrings a text's names are looked up among", () => {
  it('counts characters as PostgreSQL does (code points), once each, none edged with white space', () => {
    expect(substringsOfLengths(['𠮷野家 𠮷野', '𠮷野'], [2]).sort()).toEqual(['野家', '𠮷野'].sort());
    expect(substringsOfLengths(['张三'], [3, 4])).toEqual([]);
    expect(substringsOfLengths(['张三', '李四'], [])).toEqual([]);
  });

  it('holds every name that occurs in the text, given the lengths names have (property)', () => {
    const text = (max: number) =>
      fc.array(fc.constantFrom(...'张王李桂芳娜阳 。𠮷'), { maxLength: max }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.array(text(6), { maxLength: 12 }), fc.array(text(40), { maxLength: 3 }), (names, texts) => {
        const known = names.map((n) => n.trim()).filter((n) => Array.from(n).length >= 2);
        const lengths = [...new Set(known.map((n) => Array.from(n).length))];
        const candidates = new Set(substringsOfLengths(texts, lengths));
        for (const name of known) expect(candidates.has(name)).toBe(texts.some((t) => t.includes(name)));
        for (const c of candidates) expect(c.trim()).toBe(c);
      }),
      { numRuns: 500 },
    );
  });
});

describe('ID-card numbers (GB 11643)', () => {
  it('computes the check digit, X included', () => {
    expect(idCardCheckDigit('11010519491231002')).toBe('X');
    expect(isValidIdCard('11010519491231002X')).toBe(true);
    expect(isValidIdCard('11010519491231002x')).toBe(true);
    expect(isValidIdCard('110105194912310021')).toBe(false);
  });

  it('hides valid numbers, in groups too, and 18-digit runs whose check digit fails', () => {
    const valid = withCheck('32010219900307123');
    expect(redact(`身份证${valid}。`)).toBe('身份证（证件号略）。');
    expect(redact(`身份证 ${valid.slice(0, 6)} ${valid.slice(6, 14)} ${valid.slice(14)}`)).toBe('身份证 （证件号略）');
    expect(redact('号码11010519491231002X')).toBe('号码（证件号略）');
    const kinds = findPersonalNumbers('110105194912310021').map((s) => s.kind);
    expect(kinds).toContain('idCardLike');
    expect(redact('110105194912310021')).toBe('（证件号略）');
  });

  it('hides full-width ID numbers and other long digit runs (old IDs, bank cards)', () => {
    const valid = withCheck('44030519851111002');
    const fullWidth = [...valid].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    expect(redact(`证件${fullWidth}`)).toBe('证件（证件号略）');
    expect(redact('卡号6222021234567890123')).toBe('卡号（号码略）');
    expect(redact('旧证110105491231002')).toBe('旧证（号码略）');
  });
});

describe('phone numbers in any spacing', () => {
  it.each([
    '13812345678',
    '138 1234 5678',
    '138-1234-5678',
    '138.1234.5678',
    '+86 13812345678',
    '+86-138-1234-5678',
    '0086 138 1234 5678',
    '(+86)13812345678',
    '１３８１２３４５６７８',
    '１３８－１２３４－５６７８',
    '138\u30001234\u30005678',
    '1 3 8 1 2 3 4 5 6 7 8',
    '0571-88231234',
    '(010)62345678',
  ])('hides %s', (phone) => {
    expect(redact(`电话${phone}，请联系。`)).toBe('电话（电话略），请联系。');
  });

  it('leaves dates, years, counts and money alone', () => {
    const text = '2026-12-05 开会，2023 年起 120 户同意，预算 350000 元，第3次会议，5楼。';
    expect(redact(text)).toBe(text);
    expect(foldForScan('１２３')).toBe('123');
  });
});

describe('flats and addresses below building level', () => {
  it.each([
    ['住3幢2单元501室', '住3幢某单元'],
    ['住5-2-301', '住5幢某单元'],
    ['12号楼3单元的住户', '12号楼某单元的住户'],
    ['2单元0502漏水', '某单元漏水'],
    ['三单元5楼502室', '某单元'],
    ['0301室漏水', '某室漏水'],
    ['1203号房', '某室'],
  ])('%s → %s', (text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it('keeps buildings and document numbers', () => {
    expect(redact('5幢和12号楼，第502号文件')).toBe('5幢和12号楼，第502号文件');
  });
});

describe('labels', () => {
  it('gives staff a role, outside parties 受邀方, residents 居民A, B… in order of first mention', () => {
    const text = '王秀英主持。李建国发言，张桂芳补充，李建国再次发言。陈律师事务所列席。';
    expect(redact(text)).toBe('社区工作人员主持。居民A发言，居民B补充，居民A再次发言。受邀方列席。');
  });

  it('keeps one label per person across texts of a matter through the label book', () => {
    const first = redactPublicText('张桂芳提议。', directory);
    const second = redactPublicText('李建国同意，张桂芳附议。', directory, first.labels);
    expect(first.text).toBe('居民A提议。');
    expect(second.text).toBe('居民B同意，居民A附议。');
    expect([...second.labels]).toEqual([
      ['张桂芳', '居民A'],
      ['李建国', '居民B'],
    ]);
  });

  it('names a staff member 社区工作人员 even when a resident shares the name', () => {
    const d = new NameDirectory([
      { name: '刘洋', kind: 'resident' },
      { name: '刘洋', kind: 'staff' },
    ]);
    expect(redactPublicText('刘洋发言', d).text).toBe('社区工作人员发言');
  });

  it('counts on past Z', () => {
    expect(residentLabel(0)).toBe('居民A');
    expect(residentLabel(25)).toBe('居民Z');
    expect(residentLabel(26)).toBe('居民AA');
    expect(residentLabel(27)).toBe('居民AB');
  });

  it('hides people on no list addressed by surname', () => {
    expect(redact('老陈和赵先生到场')).toBe('某居民和某居民到场');
  });

  it('is idempotent and reports what it hid', () => {
    const text = `李建国（13812345678，${withCheck('32010219900307123')}，住3幢2单元501室）`;
    const once = redactPublicText(text, directory);
    expect(redactPublicText(once.text, directory, once.labels).text).toBe(once.text);
    expect(once.hidden).toMatchObject({ name: 1, phone: 1, idCard: 1, flat: 1 });
  });
});

describe('redacting as texts are read', () => {
  it('uses the book but hands out no new resident label', () => {
    const book = new Map([['张桂芳', '居民A']]);
    const out = redactPublicText('张桂芳和李建国，王秀英', directory, book, { isBookFixed: true });
    expect(out.text).toBe('居民A和某居民，社区工作人员');
  });
});
