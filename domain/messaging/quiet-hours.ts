/**
 * Quiet hours for text messages: none go out between 21:00 and 08:00 China Standard Time
 * (UTC+8 all year, no daylight saving), so the arithmetic is a fixed offset, no time-zone data.
 */
const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 24 * 3_600_000;
/** Quiet from 21:00 (inclusive) … */
export const QUIET_FROM_HOUR = 21;
/** … until 08:00 (exclusive: a message may go at 08:00:00). */
export const QUIET_UNTIL_HOUR = 8;

/** Milliseconds since midnight, China time. */
function chinaTimeOfDay(at: Date): number {
  return (((at.getTime() + CHINA_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
}

/** True from 21:00:00 to 07:59:59.999 China time. */
export function isQuietHour(at: Date): boolean {
  const ms = chinaTimeOfDay(at);
  return ms >= QUIET_FROM_HOUR * 3_600_000 || ms < QUIET_UNTIL_HOUR * 3_600_000;
}

/**
 * When a message due at `at` may go: `at` itself outside quiet hours, otherwise 08:00 China time of
 * the next morning (the same calendar day when `at` is after midnight).
 */
export function sendableFrom(at: Date): Date {
  if (!isQuietHour(at)) return at;
  const ms = chinaTimeOfDay(at);
  const midnight = at.getTime() - ms;
  const morning = midnight + QUIET_UNTIL_HOUR * 3_600_000;
  return new Date(ms < QUIET_UNTIL_HOUR * 3_600_000 ? morning : morning + DAY_MS);
}
