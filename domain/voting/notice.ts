/**
 * Notice before a ballot (Organic Law of Villagers' Committees: a villagers' meeting is announced
 * 10 days ahead). Days are calendar days in China (Asia/Shanghai): a notice posted on day D with
 * 10 days' notice lets the ballot open from the start of day D + 10, China time.
 */

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The China calendar day (YYYY-MM-DD) an instant falls on. */
export function chinaDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);
}

/** `day` plus `days` calendar days (a pure date: no time zone, no daylight saving). */
export function addDays(day: string, days: number): string {
  const m = dayPattern.exec(day);
  if (!m) throw new Error(`not a day: ${day}`);
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return date.toISOString().slice(0, 10);
}

/** The first day a ballot may open after a notice posted on `noticeDay` with `noticeDays` days' notice. */
export const opensOnAfterNotice = (noticeDay: string, noticeDays: number) => addDays(noticeDay, noticeDays);

export type NoticeCheck =
  { ok: true } | { ok: false; reason: 'no_notice' } | { ok: false; reason: 'too_early'; opensOn: string };

/**
 * Whether a ballot whose rule asks `noticeDays` days of notice may open at `now`, the topic having
 * been announced on `noticeDay` (null: never announced). Rules without notice days always may.
 */
export function checkNoticePeriod(input: {
  noticeDays: number | undefined;
  noticeDay: string | null;
  now: Date;
}): NoticeCheck {
  if (!input.noticeDays) return { ok: true };
  if (input.noticeDay === null) return { ok: false, reason: 'no_notice' };
  const opensOn = opensOnAfterNotice(input.noticeDay, input.noticeDays);
  return chinaDay(input.now) >= opensOn ? { ok: true } : { ok: false, reason: 'too_early', opensOn };
}
