import { describe, expect, it } from 'vitest';
import { formatShortDateTime, objectionDaysOf } from './resolution-format';

// Local times, so the expectations hold in any time zone the tests run in.
const local = (y: number, mo: number, d: number, h: number, mi: number) => new Date(y, mo - 1, d, h, mi).toISOString();
const now = new Date(2026, 10, 25, 12, 0);

describe('formatShortDateTime', () => {
  it('writes the window end as 12月2日 18:00 in Chinese', () => {
    expect(formatShortDateTime(local(2026, 12, 2, 18, 0), 'zh-CN', now)).toBe('12月2日 18:00');
  });

  it('adds the year when it is not this year', () => {
    expect(formatShortDateTime(local(2027, 1, 5, 9, 5), 'zh-CN', now)).toBe('2027年1月5日 09:05');
    expect(formatShortDateTime(local(2027, 1, 5, 9, 5), 'en', now)).toBe('5 Jan 2027 09:05');
  });

  it('writes day and short month in English', () => {
    expect(formatShortDateTime(local(2026, 12, 2, 18, 0), 'en', now)).toBe('2 Dec 18:00');
  });
});

describe('objectionDaysOf', () => {
  it('reads the days a draft was given back from its window', () => {
    expect(objectionDaysOf('2026-11-25T10:00:00.000Z', '2026-12-02T10:00:00.000Z')).toBe(7);
  });

  it('stays within 1–30 days', () => {
    expect(objectionDaysOf('2026-11-25T10:00:00.000Z', '2026-11-25T10:00:00.000Z')).toBe(1);
    expect(objectionDaysOf('2026-11-25T10:00:00.000Z', '2027-11-25T10:00:00.000Z')).toBe(30);
  });
});
