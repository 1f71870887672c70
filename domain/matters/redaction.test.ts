import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publicLabel, redactMinutes, surnameInitial } from './redaction';

describe('minutes redaction', () => {
  it('replaces a named resident with 居民 and the initial of the surname', () => {
    expect(redactMinutes('张阿姨说楼上老人多。', [{ name: '张阿姨' }])).toBe('居民Z说楼上老人多。');
    expect(surnameInitial('李师傅')).toBe('L');
    expect(surnameInitial('欧阳娜')).toBe('O');
    expect(surnameInitial('Alice')).toBe('A');
    expect(surnameInitial('')).toBe('某');
  });

  it('replaces a person with their role when one is given', () => {
    const text = '王建国律师介绍了加装电梯的法律程序；王建国认为需三分之二业主同意。';
    expect(redactMinutes(text, [{ name: '王建国', role: '律师' }])).toBe(
      '律师律师介绍了加装电梯的法律程序；律师认为需三分之二业主同意。',
    );
    expect(publicLabel({ name: '赵敏', role: '业主代表' })).toBe('业主代表');
  });

  it('replaces longer names first and catches forms of address built on a known surname', () => {
    const people = [{ name: '张桂' }, { name: '张桂芳', role: '业主代表' }];
    expect(redactMinutes('张桂芳发言后，张阿姨补充。', people)).toBe('业主代表发言后，业主代表补充。');
  });

  it('also redacts people on no list when a surname meets a form of address', () => {
    expect(redactMinutes('陈师傅到场。', [{ name: '张阿姨' }])).toBe('居民C到场。');
  });

  it('removes mobile numbers in their usual spellings', () => {
    const text = '联系 13812345678 或 138-1234-5678，或 +86 139 1234 5678；座机号码 2023 年不变。';
    const out = redactMinutes(text, []);
    expect(out).toBe('联系 （电话略） 或 （电话略），或 （电话略）；座机号码 2023 年不变。');
    expect(out).not.toMatch(/1[3-9]\d{9}/);
  });

  it('removes flat numbers but keeps building and unit', () => {
    expect(redactMinutes('住在5幢2单元0502的住户', [])).toBe('住在5幢2单元的住户');
    expect(redactMinutes('0301室漏水', [])).toBe('某室漏水');
    expect(redactMinutes('5-2-301 的业主', [])).toBe('5幢2单元 的业主');
    expect(redactMinutes('2单元502室同意', [])).toBe('2单元同意');
    expect(redactMinutes('5幢2单元全体业主', [])).toBe('5幢2单元全体业主');
  });

  it('keeps dates, amounts and percentages', () => {
    const text = '2026-11-25 开会，预算 35 万元，同意率 2/3，工期 120 天。';
    expect(redactMinutes(text, [])).toBe(text);
  });

  it('prefers the role when a name is listed twice', () => {
    expect(redactMinutes('李强发言', [{ name: '李强' }, { name: '李强', role: '楼栋长' }])).toBe('楼栋长发言');
    expect(redactMinutes('李强发言', [{ name: '李强', role: '楼栋长' }, { name: '李强' }])).toBe('楼栋长发言');
  });

  it('ignores empty names', () => {
    expect(redactMinutes('会议开始', [{ name: ' ' }])).toBe('会议开始');
  });
});

/** People nobody listed: a common surname with a form of address, or 老/小 before it. */
const mustRedact: [string, string][] = [
  ['张阿姨', '居民Z'],
  ['李师傅', '居民L'],
  ['王大爷', '居民W'],
  ['老陈', '居民C'],
  ['小刘', '居民L'],
  ['赵先生', '居民Z'],
  ['孙女士', '居民S'],
  ['周奶奶', '居民Z'],
  ['吴爷爷', '居民W'],
  ['郑叔叔', '居民Z'],
  ['冯大妈', '居民F'],
  ['何老师', '居民H'],
  ['高老师', '居民G'],
  ['黄大姐', '居民H'],
  ['林小姐', '居民L'],
  ['马大哥', '居民M'],
  ['谢主任', '居民X'],
  ['徐书记', '居民X'],
  ['胡阿婆', '居民H'],
  ['郭姐', '居民G'],
  ['老王', '居民W'],
  ['小张', '居民Z'],
  ['老李头', '居民L'],
  ['小王阿姨', '居民W'],
  ['老张师傅', '居民Z'],
  ['欧阳阿姨', '居民O'],
  ['司马先生', '居民S'],
  ['诸葛大爷', '居民Z'],
  ['老欧阳', '居民O'],
  ['于主任', '居民Y'],
  ['方叔', '居民F'],
  ['宋婶', '居民S'],
  // Two people in a row: 任何 is no word when 任 ends the first.
  ['谢主任何老师', '居民X居民H'],
];

/** Ordinary words that merely start with (or contain) a surname, 老 or 小. */
const mustKeep = [
  '小区',
  '老人',
  '张贴',
  '王牌',
  '高楼',
  '方案',
  '黄色',
  '老旧小区',
  '老年人',
  '小时',
  '小组',
  '老百姓',
  '小高层',
  '面积小于90平方米',
  '关于主任的意见',
  '提高老师待遇',
  '也许老师会来',
  '双方主任',
  '养老金',
  '老方法',
  '小范围',
  '一小段路',
  '花小钱办大事',
  '老胡同',
  '老顾客',
  '小孙子',
  '任何先生',
  '地方书记',
  '林业',
  '金额',
  '石头',
  '江边',
  '周末',
  '高度',
  '陈旧',
  '马路',
];

describe('minutes redaction of people on no list', () => {
  it.each(mustRedact)('redacts %s as %s', (phrase, expected) => {
    expect(redactMinutes(`会上，${phrase}发言。`, [])).toBe(`会上，${expected}发言。`);
  });

  it.each(mustKeep)('keeps %s', (phrase) => {
    expect(redactMinutes(`会上讨论${phrase}。`, [])).toBe(`会上讨论${phrase}。`);
  });

  it('redacts several people in one sentence', () => {
    expect(redactMinutes('老陈和小刘请赵先生、孙女士转告张阿姨。', [])).toBe('居民C和居民L请居民Z、居民S转告居民Z。');
  });

  it('is idempotent: redacting published text again changes nothing', () => {
    const fragments = [
      ...mustRedact.map(([p]) => p),
      ...mustKeep,
      '。',
      '，',
      ' ',
      '老',
      '小',
      '王',
      '欧',
      '阳',
      '5幢',
      '2单元',
      '0502',
      '室',
      '-',
      '13812345678',
      '居民',
      'Z',
    ];
    const people = [{ name: '张桂芳' }, { name: '李强', role: '楼栋长' }];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 12 }), (parts) => {
        const once = redactMinutes(parts.join(''), people);
        expect(redactMinutes(once, people)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
});
