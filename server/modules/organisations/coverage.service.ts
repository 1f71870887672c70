import type { Actor } from '../../../domain/access';
import { computeCoverage } from '../../../domain/organisations/coverage';
import { pathIds } from '../../../domain/territory/places';
import type { Db } from '../../db/client';
import { invalid } from '../../errors';
import { authorizePlace, placeOrNotFound } from '../places';
import { categoriesOfCity } from './categories.repository';
import { coverageRows } from './coverage.repository';

/**
 * GET /places/:id/organisation-coverage — for a city or town: each town's hub organisations, and for
 * each community the organisations of every core category serving it (domain `computeCoverage`).
 */
export async function readCoverage(db: Db, actor: Actor, placeId: number) {
  const place = await placeOrNotFound(db, placeId);
  authorizePlace(actor, 'organisation.view', place);
  if (place.kind !== 'city' && place.kind !== 'town') throw invalid('id', 'organisation.coverage_place');
  const [categories, rows] = await Promise.all([
    categoriesOfCity(db, pathIds(place.path)[0]!),
    coverageRows(db, place.path),
  ]);
  const coverage = computeCoverage({ ...rows, categories });
  return {
    place: { id: place.id, name: place.name, kind: place.kind },
    coreCategories: coverage.coreCategories.map(({ id, name, tier }) => ({ id, name, tier })),
    towns: coverage.towns.map((t) => ({
      id: t.id,
      name: t.name,
      hubs: t.hubs,
      communities: t.communities.map((c) => ({
        id: c.id,
        name: c.name,
        isFullyCovered: c.isFullyCovered,
        cells: c.cells,
      })),
    })),
    totals: coverage.totals,
  };
}
