import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import {
  RESIDENT_PREFIX,
  STAFF_LABEL,
  SUPERVISOR_LABEL,
  personLabel,
  personStandings,
  type PersonStanding,
} from '../../../domain/people/public-name';
import en from '../locales/en.json';
import zh from '../locales/zh-CN.json';
import { formatArea, formatPerson } from './format';

describe('formatArea', () => {
  it('shows m² with two decimals and thousands separators', () => {
    expect(formatArea('1200')).toBe('1,200.00');
    expect(formatArea('812.5')).toBe('812.50');
    expect(formatArea('1349.82')).toBe('1,349.82');
    expect(formatArea(0)).toBe('0.00');
  });

  it('reads a ballot result’s stored hundredths exactly', () => {
    expect(formatArea('113969', 'hundredths')).toBe('1,139.69');
    expect(formatArea('134982', 'hundredths')).toBe('1,349.82');
    expect(formatArea('81250', 'hundredths')).toBe('812.50');
    expect(formatArea('5', 'hundredths')).toBe('0.05');
    expect(formatArea('0', 'hundredths')).toBe('0.00');
    // Beyond 2^53: no float ever rounds an area.
    expect(formatArea('123456789012345678', 'hundredths')).toBe('1,234,567,890,123,456.78');
  });
});

describe('formatPerson', () => {
  const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zh, en } });
  const t = (key: string, params?: Record<string, unknown>) => i18n.global.t(key, params ?? {});

  it('words staff, supervisors and residents as the server’s files do, in Chinese', () => {
    i18n.global.locale.value = 'zh-CN';
    const expected: Record<PersonStanding, string> = {
      staff: STAFF_LABEL,
      supervisor: SUPERVISOR_LABEL,
      resident: `${RESIDENT_PREFIX}Z`,
    };
    for (const standing of personStandings) {
      expect(formatPerson(t, personLabel({ name: '张桂芳', standing }, false))).toBe(expected[standing]);
    }
    expect(formatPerson(t, { kind: 'name', name: '张桂芳' })).toBe('张桂芳');
  });

  it('words them in English for English readers', () => {
    i18n.global.locale.value = 'en';
    expect(formatPerson(t, { kind: 'staff' })).toBe('Community staff');
    expect(formatPerson(t, { kind: 'resident', initial: 'Z' })).toBe('Resident Z');
    expect(formatPerson(t, { kind: 'system' })).toBe('System');
  });
});
