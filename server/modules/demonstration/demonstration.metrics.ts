import type { ComputedMetric, Criterion } from '../../../domain/demonstration';
import type { DbOrTx } from '../../db/client';
import { readTogether } from '../../db/together';
import { councilCoverage } from '../councils';
import { subtreeCounts } from '../places';
import { activePoolSize } from '../pool';
import { figuresFor, type Figures } from '../statistics';
import { venuesMeetingFiveHaves } from '../venues';

/** The community a figure is read for, and the scheme's period `[from, to)` in China days. */
export type MetricCommunity = { id: number; path: string };
export type MetricPeriod = { from: string; to: string };
type Metric = (
  db: DbOrTx,
  community: MetricCommunity,
  period: MetricPeriod,
  figures: () => Promise<Figures>,
) => Promise<number | null>;

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The last day inside `[from, to)`. */
const lastDay = (to: string) => new Date(Date.parse(`${to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * Each computed metric as a reading of Yishi's own data. Figures of matters and meetings are the
 * statistics module's (figuresFor, the same SQL as the dashboard), never counted again here.
 */
export const computedMetricReaders: Record<ComputedMetric, Metric> = {
  mattersPerThousandHouseholds: async (db, community, _period, figures) => {
    const [{ households }, f] = await readTogether(db, [() => subtreeCounts(db, community), figures]);
    return households ? round(((f.raised.value ?? 0) * 1000) / households) : null;
  },
  consultationsHeld: async (_db, _community, _period, figures) => (await figures()).consultations.value,
  satisfaction: async (_db, _community, _period, figures) => (await figures()).satisfaction.value,
  implementationRate: async (_db, _community, _period, figures) => (await figures()).implementationRate.value,
  memberPoolSize: async (db, community) => activePoolSize(db, community.path),
  councilCoverage: async (db, community, period) => {
    const { places, covered } = await councilCoverage(db, community.path, lastDay(period.to));
    return places ? round(covered / places, 4) : null;
  },
  // The venues module's own count (approved by the town, all five haves met), as its list shows it.
  venuesMeetingFiveHaves: async (db, community) => venuesMeetingFiveHaves(db, community.path),
};

/**
 * The computed figures of a community for a scheme's period, per computed criterion key. The
 * statistics figures are read once and shared by every metric that needs them.
 */
export async function computedFigures(
  db: DbOrTx,
  community: MetricCommunity,
  period: MetricPeriod,
  criteria: readonly Criterion[],
): Promise<Record<string, number | null>> {
  let cached: Promise<Figures> | undefined;
  const figures = () => (cached ??= figuresFor(db, { placeId: community.id, from: period.from, to: period.to }));
  // One after another: inside a transaction the queries share one connection.
  const entries: [string, number | null][] = [];
  for (const c of criteria)
    if (c.kind === 'computed' && c.metric)
      entries.push([c.key, await computedMetricReaders[c.metric](db, community, period, figures)]);
  return Object.fromEntries(entries);
}
