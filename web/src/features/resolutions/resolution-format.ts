/** `12月2日 18:00` (zh) or `2 Dec 18:00` (en) in the browser's time zone; the year only when not this year's. */
export function formatShortDateTime(iso: string, locale: string, now: Date = new Date()): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const isThisYear = d.getFullYear() === now.getFullYear();
  if (locale.startsWith('zh')) {
    return `${isThisYear ? '' : `${d.getFullYear()}年`}${d.getMonth() + 1}月${d.getDate()}日 ${time}`;
  }
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getMonth()];
  return `${d.getDate()} ${month}${isThisYear ? '' : ` ${d.getFullYear()}`} ${time}`;
}

/** Whole days between a resolution's drafting and its objection window's end (1–30), for the rewrite form. */
export function objectionDaysOf(createdAt: string, objectionEndsAt: string): number {
  const days = Math.round((Date.parse(objectionEndsAt) - Date.parse(createdAt)) / 86_400_000);
  return Math.min(30, Math.max(1, Number.isFinite(days) ? days : 7));
}
