import { groupings, monthPeriod, type FigureKey, type FigureValue, type Grouping } from '../../../../domain/statistics';
import type { BehindQuery } from './statistics.api';

/** The month YYYY-MM of a China day. */
export const monthOf = (day: string) => day.slice(0, 7);

/** This month in China and the eleven before it: the dashboard's default period. */
export function lastTwelveMonths(now = new Date()): { fromMonth: string; toMonth: string } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
  const [y, m] = today.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 12, 1)).toISOString().slice(0, 7);
  return { fromMonth: start, toMonth: today.slice(0, 7) };
}

/** A month range (both inclusive) as the API's period `[from, to)`. */
export function periodOfMonths(fromMonth: string, toMonth: string): { from: string; to: string } {
  return { from: monthPeriod(fromMonth).from, to: monthPeriod(toMonth).to };
}

/** The route to the matters behind a number. */
export function behindLink(q: BehindQuery) {
  const query: Record<string, string> = { placeId: String(q.placeId), from: q.from, to: q.to, figure: q.figure };
  if (q.groupBy && q.group !== undefined) Object.assign(query, { groupBy: q.groupBy, group: q.group });
  if (q.stage) query.stage = q.stage;
  return { path: '/statistics/matters', query };
}

/** How a figure reads: a count, a percentage, a mean of 5, or days. */
export function formatFigure(key: FigureKey, v: FigureValue): string {
  if (v.value === null) return '—';
  switch (key) {
    case 'participation':
    case 'onlineMeetings':
    case 'onlineVotes':
    case 'implementationRate':
      return `${(v.value * 100).toFixed(1)}%`;
    case 'satisfaction':
      return v.value.toFixed(2);
    case 'medianDays':
      return v.value.toFixed(1);
    default:
      return String(v.value);
  }
}

export const groupingsShown: readonly Grouping[] = groupings;
