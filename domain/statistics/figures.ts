/**
 * 统计口径: what each figure of the statistics dashboard and the monthly bulletin counts. Pure
 * definitions, shared by server and web; the SQL behind each lives in server/modules/statistics.
 *
 * A period is `[from, to)` in China days (YYYY-MM-DD, Asia/Shanghai): `from` inclusive, `to`
 * exclusive, so a month is `{ from: '2026-10-01', to: '2026-11-01' }`. Every figure is dated by its
 * own event (a matter raised, a meeting held, a task due …), so figures by month add up to the total.
 */

/** The figures that have a list of matters behind them (every number on the dashboard is one). */
export const figureKeys = [
  /** Matters raised in the period (entered 'raised'). */
  'raised',
  /** Matters that entered 'resolved' in the period (a resolution adopted). */
  'resolved',
  /** Matters archived (sealed) in the period. */
  'archived',
  /** Meetings that started in the period with at least one sign-in (协商议事 held). */
  'consultations',
  /** Livelihood matters archived in the period with a positive evaluation (民生实事解决). */
  'livelihoodSolved',
  /** Dispute matters archived in the period whose evaluation says the dispute is resolved (矛盾化解). */
  'disputesResolved',
  /** 实到/应到 over the meetings held: sign-ins ÷ invitations of their matters. */
  'participation',
  /** Meetings held online or hybrid ÷ meetings held (云议事 share). */
  'onlineMeetings',
  /** Ballot votes cast online ÷ all ballot votes cast in the period. */
  'onlineVotes',
  /** Median days from raised to archived, over matters archived in the period. */
  'medianDays',
  /** Tasks still open that fell due in the period, before today. */
  'overdueTasks',
  /** Follow-ups (回访) recorded in the period: average satisfaction 1–5 and how many. */
  'satisfaction',
  /** Tasks due in the period that are done ÷ tasks due in the period (落实率). */
  'implementationRate',
] as const;
export type FigureKey = (typeof figureKeys)[number];

/** How a figure is aggregated from its rows: a count, a ratio num/den, a mean or a median. */
export const figureKind: Record<FigureKey, 'count' | 'ratio' | 'mean' | 'median'> = {
  raised: 'count',
  resolved: 'count',
  archived: 'count',
  consultations: 'count',
  livelihoodSolved: 'count',
  disputesResolved: 'count',
  participation: 'ratio',
  onlineMeetings: 'ratio',
  onlineVotes: 'ratio',
  medianDays: 'median',
  overdueTasks: 'count',
  satisfaction: 'mean',
  implementationRate: 'ratio',
};

/** One figure's value: `value` is the count, ratio (0–1), mean or median; `n` how many rows. */
export type FigureValue = { value: number | null; n: number; num?: number; den?: number };
export type Figures = Record<FigureKey, FigureValue> & {
  /** Median days in each status (from entering it to entering the next), over the matters archived in the period. */
  daysInStage: Record<string, FigureValue>;
};

/**
 * How the dashboard groups its figures. By `governance` a matter counts once under each of its
 * governances (四治) and under `untagged` when it has none, so the groups add up to more than the total.
 */
export const groupings = ['month', 'place', 'category', 'level', 'governance'] as const;
export type Grouping = (typeof groupings)[number];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day in YYYY-MM-DD. */
export function isDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Longest period one request may ask for (ten years of days). */
export const MAX_PERIOD_DAYS = 3660;

/** Why a period is refused, or null when `[from, to)` is a valid, non-empty, bounded period. */
export function periodProblem(from: string, to: string): 'from' | 'to' | null {
  if (!isDay(from)) return 'from';
  if (!isDay(to) || to <= from) return 'to';
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  return days > MAX_PERIOD_DAYS ? 'to' : null;
}

/** The period of a month YYYY-MM: its first day to the first day of the next. */
export function monthPeriod(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: `${month}-01`, to: `${next}-01` };
}

/** The median of numbers (mean of the middle two for an even count), null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The first day of the month after the one `day` (YYYY-MM-DD) falls in. */
function nextMonthStart(day: string): string {
  return monthPeriod(day.slice(0, 7)).to;
}

/**
 * A period `[from, to)` cut into its whole months `[monthsFrom, monthsTo)` (null when it holds no whole
 * month) and the days before and after them, so whole months can be read from monthly sums and only
 * the partial ends from day-dated rows. An empty period (to ≤ from) has neither.
 */
export function splitByMonths(
  from: string,
  to: string,
): { months: { from: string; to: string } | null; days: { from: string; to: string }[] } {
  if (to <= from) return { months: null, days: [] };
  const first = from.endsWith('-01') ? from : nextMonthStart(from);
  const last = `${to.slice(0, 7)}-01`;
  if (first >= last) return { months: null, days: [{ from, to }] };
  const days = [...(from < first ? [{ from, to: first }] : []), ...(last < to ? [{ from: last, to }] : [])];
  return { months: { from: first, to: last }, days };
}
