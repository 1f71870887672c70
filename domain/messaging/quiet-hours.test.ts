import { describe, expect, it } from 'vitest';
import { isQuietHour, sendableFrom } from './quiet-hours';

/** A China-time instant written as local wall time with its +08:00 offset. */
const cst = (local: string) => new Date(`${local}+08:00`);

describe('quiet hours 21:00–08:00 China time', () => {
  it('is open at 20:59:59 and quiet from 21:00:00', () => {
    expect(isQuietHour(cst('2026-03-10T20:59:59'))).toBe(false);
    expect(isQuietHour(cst('2026-03-10T21:00:00'))).toBe(true);
  });

  it('is quiet at 07:59:59 and open from 08:00:00', () => {
    expect(isQuietHour(cst('2026-03-10T07:59:59.999'))).toBe(true);
    expect(isQuietHour(cst('2026-03-10T08:00:00'))).toBe(false);
  });

  it('is quiet across midnight, which is 16:00 UTC of the day before', () => {
    expect(isQuietHour(cst('2026-03-10T23:59:59'))).toBe(true);
    expect(isQuietHour(cst('2026-03-11T00:00:00'))).toBe(true);
    expect(isQuietHour(new Date('2026-03-10T12:59:59Z'))).toBe(false); // 20:59:59 in China
    expect(isQuietHour(new Date('2026-03-10T13:00:00Z'))).toBe(true); // 21:00 in China
  });

  it('sends a message due outside quiet hours at once', () => {
    const at = cst('2026-03-10T20:59:59');
    expect(sendableFrom(at)).toEqual(at);
    expect(sendableFrom(cst('2026-03-10T08:00:00'))).toEqual(cst('2026-03-10T08:00:00'));
  });

  it('moves an evening message to 08:00 the next morning', () => {
    expect(sendableFrom(cst('2026-03-10T21:00:00'))).toEqual(cst('2026-03-11T08:00:00'));
    expect(sendableFrom(cst('2026-03-10T23:59:59'))).toEqual(cst('2026-03-11T08:00:00'));
  });

  it('moves a message after midnight to 08:00 the same day', () => {
    expect(sendableFrom(cst('2026-03-11T00:00:00'))).toEqual(cst('2026-03-11T08:00:00'));
    expect(sendableFrom(cst('2026-03-11T07:59:59'))).toEqual(cst('2026-03-11T08:00:00'));
  });

  it('crosses month and year ends and leap days', () => {
    expect(sendableFrom(cst('2026-01-31T22:15:00'))).toEqual(cst('2026-02-01T08:00:00'));
    expect(sendableFrom(cst('2026-02-28T21:00:00'))).toEqual(cst('2026-03-01T08:00:00'));
    expect(sendableFrom(cst('2028-02-28T21:30:00'))).toEqual(cst('2028-02-29T08:00:00'));
    expect(sendableFrom(cst('2026-12-31T23:00:00'))).toEqual(cst('2027-01-01T08:00:00'));
    expect(sendableFrom(cst('2026-04-30T21:00:00')).toISOString()).toBe('2026-05-01T00:00:00.000Z');
  });
});
