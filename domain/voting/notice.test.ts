import { describe, expect, it } from 'vitest';
import { addDays, checkNoticePeriod, chinaDay, opensOnAfterNotice } from './notice';

describe('notice period before a ballot (村民会议: 10 days ahead)', () => {
  it('counts calendar days across month and year ends and leap days', () => {
    expect(addDays('2026-12-25', 10)).toBe('2027-01-04');
    expect(addDays('2028-02-25', 10)).toBe('2028-03-06');
    expect(addDays('2027-02-25', 10)).toBe('2027-03-07');
    expect(opensOnAfterNotice('2026-12-01', 10)).toBe('2026-12-11');
  });

  it('reads the day in China time: 23:59 UTC is already the next day in Beijing', () => {
    expect(chinaDay(new Date('2026-12-10T15:59:59Z'))).toBe('2026-12-10');
    expect(chinaDay(new Date('2026-12-10T16:00:00Z'))).toBe('2026-12-11');
  });

  it('refuses until the start of the tenth day after the notice, China time, and names that day', () => {
    const rule = { noticeDays: 10, noticeDay: '2026-12-01' };
    // 2026-12-10 23:59:59 in Beijing.
    expect(checkNoticePeriod({ ...rule, now: new Date('2026-12-10T15:59:59Z') })).toEqual({
      ok: false,
      reason: 'too_early',
      opensOn: '2026-12-11',
    });
    // 2026-12-11 00:00 in Beijing, still 2026-12-10 in UTC.
    expect(checkNoticePeriod({ ...rule, now: new Date('2026-12-10T16:00:00Z') })).toEqual({ ok: true });
    expect(checkNoticePeriod({ ...rule, now: new Date('2027-01-01T00:00:00Z') })).toEqual({ ok: true });
  });

  it('refuses a minute after the notice was posted', () => {
    expect(
      checkNoticePeriod({ noticeDays: 10, noticeDay: '2026-12-05', now: new Date('2026-12-05T02:01:00Z') }),
    ).toMatchObject({ ok: false, opensOn: '2026-12-15' });
  });

  it('asks for a notice when the rule needs one and none was posted', () => {
    expect(checkNoticePeriod({ noticeDays: 10, noticeDay: null, now: new Date() })).toEqual({
      ok: false,
      reason: 'no_notice',
    });
  });

  it('lets rules without notice days open at any time', () => {
    expect(checkNoticePeriod({ noticeDays: undefined, noticeDay: null, now: new Date() })).toEqual({ ok: true });
    expect(checkNoticePeriod({ noticeDays: 0, noticeDay: '2026-12-05', now: new Date() })).toEqual({ ok: true });
  });
});
