import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Criterion } from '../../../domain/demonstration';
import { councils, poolMembers } from '../../db/schema';
import { buildTestApp, type TestApp } from '../../test/build-test-app';
import { buildResident, buildTerritory } from '../../test/factories';
import { computedFigures } from './demonstration.metrics';

const criterion = (key: string, metric: Criterion['metric']): Criterion => ({
  key,
  title: key,
  kind: 'computed',
  metric,
  target: 1,
  weight: 50,
  maxScore: 10,
});

describe('computed metrics read from the registers', () => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    territory = await buildTerritory(db);
    const resident = await buildResident(db, { placeId: territory.unit1.id });
    const other = await buildResident(db, { placeId: territory.unit2.id });
    const c = territory.community;
    await db.insert(poolMembers).values([
      { placeId: c.id, placePath: c.path, residentId: resident.id },
      { placeId: c.id, placePath: c.path, residentId: other.id, isActive: false },
    ]);
    // The community's council covers the period's last day; the estate's ended before it.
    await db.insert(councils).values([
      {
        placeId: c.id,
        placePath: c.path,
        kind: 'residents_council',
        name: '百姓议事会',
        termStart: '2024-01-01',
        termEnd: '2026-12-31',
      },
      {
        placeId: territory.estate.id,
        placePath: territory.estate.path,
        kind: 'owners_committee',
        name: '业委会',
        termStart: '2020-01-01',
        termEnd: '2025-12-31',
      },
    ]);
  });
  afterAll(() => t.close());

  it('counts active pool members, council coverage of the community and its estates, and its five-haves venues', async () => {
    const figures = await computedFigures(
      t.database.db,
      { id: territory.community.id, path: territory.community.path },
      { from: '2026-01-01', to: '2027-01-01' },
      [
        criterion('pool', 'memberPoolSize'),
        criterion('council', 'councilCoverage'),
        criterion('venues', 'venuesMeetingFiveHaves'),
      ],
    );
    expect(figures).toEqual({ pool: 1, council: 0.5, venues: 0 });
  });
});
