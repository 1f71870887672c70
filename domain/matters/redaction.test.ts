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

  it('leaves surnames of people nobody named alone', () => {
    expect(redactMinutes('陈师傅到场。', [{ name: '张阿姨' }])).toBe('陈师傅到场。');
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
