import { describe, expect, it } from 'vitest';
import {
  cellText,
  charLength,
  parseAreaCenti,
  parseCode,
  parseCodeList,
  parseDate,
  parseEnum,
  parseInteger,
  parsePhone,
  parseText,
} from './cells';
import { genderLabels } from './columns';

describe('roster cells', () => {
  describe('area', () => {
    it('reads two decimals exactly, where floating point would not', () => {
      expect(parseAreaCenti('89.55')).toEqual({ ok: true, value: 8955 });
      expect(parseAreaCenti('1.13')).toEqual({ ok: true, value: 113 });
      expect(parseAreaCenti('0.29')).toEqual({ ok: true, value: 29 });
      // 1.13 * 100 === 112.99999999999999 in binary floating point
      expect(parseAreaCenti(1.13)).toEqual({ ok: true, value: 113 });
    });
    it('reads one decimal, no decimals and trailing zeros', () => {
      expect(parseAreaCenti('89.5')).toEqual({ ok: true, value: 8950 });
      expect(parseAreaCenti('120')).toEqual({ ok: true, value: 12000 });
      expect(parseAreaCenti('89.500')).toEqual({ ok: true, value: 8950 });
      expect(parseAreaCenti(89.5)).toEqual({ ok: true, value: 8950 });
    });
    it('accepts the smallest positive area and refuses zero', () => {
      expect(parseAreaCenti('0.01')).toEqual({ ok: true, value: 1 });
      expect(parseAreaCenti('0')).toMatchObject({ ok: false, code: 'roster.area' });
      expect(parseAreaCenti('0.00')).toMatchObject({ ok: false, code: 'roster.area' });
    });
    it('refuses a third decimal, negatives, units and thousands separators', () => {
      for (const text of ['89.505', '-5', '89.5㎡', '1,089.50', 'abc', '1e3', '.5']) {
        expect(parseAreaCenti(text), text).toMatchObject({ ok: false, code: 'roster.area' });
      }
    });
    it('reads the largest area without losing a digit', () => {
      expect(parseAreaCenti('999999999.99')).toEqual({ ok: true, value: 99_999_999_999 });
      expect(parseAreaCenti('1000000000')).toMatchObject({ ok: false });
    });
  });

  describe('dates', () => {
    it('reads ISO, slashed, dotted and Chinese forms', () => {
      expect(parseDate('1990-01-02')).toEqual({ ok: true, value: '1990-01-02' });
      expect(parseDate('1990/1/2')).toEqual({ ok: true, value: '1990-01-02' });
      expect(parseDate('1990.12.31')).toEqual({ ok: true, value: '1990-12-31' });
      expect(parseDate('1990年1月2日')).toEqual({ ok: true, value: '1990-01-02' });
    });
    it('reads .xlsx date cells and Excel serial day numbers', () => {
      expect(parseDate(new Date(Date.UTC(1956, 2, 12)))).toEqual({ ok: true, value: '1956-03-12' });
      expect(parseDate(32875)).toEqual({ ok: true, value: '1990-01-02' });
      expect(parseDate(45658)).toEqual({ ok: true, value: '2025-01-01' });
    });
    it('says a well-written day does not exist (29 February in a common year, 30 February, month 13)', () => {
      expect(parseDate('2000-02-29')).toEqual({ ok: true, value: '2000-02-29' });
      expect(parseDate('2024/2/29')).toEqual({ ok: true, value: '2024-02-29' });
      expect(parseDate('0999-12-31')).toEqual({ ok: true, value: '0999-12-31' });
      for (const text of [
        '1900-02-29',
        '2100-02-29',
        '0050-01-01',
        '2001-02-29',
        '1990-02-30',
        '1990-13-01',
        '1990-00-10',
        '1990/1/32',
        '1990年4月31日',
      ]) {
        expect(parseDate(text), text).toMatchObject({ ok: false, code: 'roster.date_nonexistent' });
      }
    });
    it('says the format is wrong when the text is not a date at all', () => {
      for (const text of ['02/01/1990', '1990-1', '1990-02-30x', 'tomorrow', '']) {
        expect(parseDate(text), text).toMatchObject({ ok: false, code: 'validation.date' });
      }
      expect(parseDate(0)).toMatchObject({ ok: false });
      expect(parseDate(new Date(Number.NaN))).toMatchObject({ ok: false });
    });
  });

  it('normalises phones and refuses what is not a mainland mobile', () => {
    expect(parsePhone('+86 138-1234-5678')).toEqual({ ok: true, value: '13812345678' });
    expect(parsePhone(cellText(13812345678))).toEqual({ ok: true, value: '13812345678' });
    expect(parsePhone('12812345678')).toMatchObject({ ok: false, code: 'validation.phone' });
    expect(parsePhone('1381234567')).toMatchObject({ ok: false, code: 'validation.phone' });
  });

  it('reads floors as whole numbers, basements negative', () => {
    expect(parseInteger('3')).toEqual({ ok: true, value: 3 });
    expect(parseInteger(-1)).toEqual({ ok: true, value: -1 });
    expect(parseInteger('-0')).toEqual({ ok: true, value: 0 });
    expect(parseInteger('9999')).toEqual({ ok: true, value: 9999 });
    for (const cell of ['3.5', 3.5, '三', '10000'])
      expect(parseInteger(cell)).toMatchObject({ ok: false, code: 'roster.integer' });
  });

  it('accepts codes of letters, digits, dash, dot and underscore up to 64 characters', () => {
    expect(parseCode('TA-01-01-01-05-2')).toEqual({ ok: true, value: 'TA-01-01-01-05-2' });
    expect(parseCode('a'.repeat(64))).toMatchObject({ ok: true });
    expect(parseCode('a'.repeat(65))).toMatchObject({ ok: false, code: 'validation.too_long', params: { max: 64 } });
    for (const text of ['TA 01', '-TA', '河滨', 'TA;01'])
      expect(parseCode(text), text).toMatchObject({ ok: false, code: 'roster.code_format' });
  });

  it('splits code lists on Chinese and ASCII separators, deduplicated and sorted', () => {
    expect(parseCodeList('D2；D1;D3, D1，D4、D5')).toEqual({ ok: true, value: ['D1', 'D2', 'D3', 'D4', 'D5'] });
    expect(parseCodeList('D1；河滨')).toMatchObject({ ok: false, code: 'roster.code_list_format' });
  });

  it('counts length in characters, so a 50-character Chinese name fits and 51 does not', () => {
    expect(charLength('𠮷')).toBe(1);
    expect(parseText('张'.repeat(50), 50)).toMatchObject({ ok: true });
    expect(parseText('张'.repeat(51), 50)).toMatchObject({
      ok: false,
      code: 'validation.too_long',
      params: { max: 50 },
    });
  });

  it('reads enum labels exactly and lists the allowed ones', () => {
    expect(parseEnum('女', genderLabels)).toEqual({ ok: true, value: 'female' });
    expect(parseEnum('F', genderLabels)).toEqual({ ok: false, code: 'roster.enum', params: { allowed: '男、女' } });
    expect(parseEnum('toString', genderLabels)).toMatchObject({ ok: false });
  });
});
