import { api } from '../../api/client';
import type { CapacityQuery, CapacityView } from '../../../../contracts/capacity';
import { nominationLifecycle } from '../../../../domain/talents/lifecycle';

export type { CapacityFigures, CapacityView } from '../../../../contracts/capacity';

/** 能力建设统计: the client side of docs/api.md "Statistics" (capacity). */
export const capacityApi = {
  get: (q: CapacityQuery) => api.get<CapacityView>('/statistics/capacity', q),
};

type Link = { path: string; query: Record<string, string> };
const q = (entries: Record<string, number | string | boolean | undefined>) =>
  Object.fromEntries(
    Object.entries(entries)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );

/** The list behind each figure, with the query parameters the lists agree on (docs/statistics.md). */
export const capacityLinks = {
  organisations: (placeId: number, filter: { categoryId?: number; canDeliberate?: true } = {}): Link => ({
    path: '/organisations',
    query: q({ placeId, ...filter }),
  }),
  /** The coverage view exists for a city or a town. */
  coverage: (placeId: number, kind: string) =>
    kind === 'city' || kind === 'town' ? `/places/${placeId}/organisation-coverage` : undefined,
  projects: (placeId: number, year: number, status?: string): Link => ({
    path: '/projects',
    query: q({ placeId, year, status }),
  }),
  microLeaders: (placeId: number, year?: number): Link => ({ path: '/micro-leaders', query: q({ placeId, year }) }),
  talents: (placeId: number, year?: number): Link => ({
    path: '/talents',
    query: q({ placeId, year, status: nominationLifecycle.state.named }),
  }),
};

/** The years the dashboard offers: this one back to 2024 (the first calls). */
export function capacityYears(thisYear: number): number[] {
  const years: number[] = [];
  for (let y = thisYear; y >= Math.min(2024, thisYear); y--) years.push(y);
  return years;
}
