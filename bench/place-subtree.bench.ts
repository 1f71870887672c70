import { sql } from 'drizzle-orm';
import type { Database } from '../server/db/client';
import { listSubtreeDwellings, listSubtreeResidents, placeOrNotFound } from '../server/modules/places/places.service';
import { percentile, type Bench, type BenchFigure } from './lib';

const TARGET_P95_MS = 20;
const REQUESTS = 300;

/**
 * A city of 4 towns × 10 communities × 5 estates × 10 buildings × 2 units, 25 dwellings per unit
 * (100,000), one household and two residents per dwelling (200,000), built with set-based SQL.
 * Ids are fixed by level so each level's parent is arithmetic on generate_series.
 */
async function buildCity(database: Database): Promise<void> {
  const q = (text: string) => database.pool.query(text);
  await q(`insert into places (id, parent_id, kind, code, name, path, depth) overriding system value
           values (1, null, 'city', 'B1', '基准市', '/1/', 1)`);
  const levels = [
    { kind: 'town', first: 2, count: 4, parentFirst: 1, perParent: 4, depth: 2 },
    { kind: 'community', first: 10, count: 40, parentFirst: 2, perParent: 10, depth: 3 },
    { kind: 'estate', first: 100, count: 200, parentFirst: 10, perParent: 5, depth: 4 },
    { kind: 'building', first: 1_000, count: 2_000, parentFirst: 100, perParent: 10, depth: 5 },
    { kind: 'unit', first: 10_000, count: 4_000, parentFirst: 1_000, perParent: 2, depth: 6 },
  ];
  for (const l of levels) {
    await q(`insert into places (id, parent_id, kind, code, name, path, depth) overriding system value
             select ${l.first} + g, p.id, '${l.kind}', 'B' || (${l.first} + g), '${l.kind} ' || g,
                    p.path || (${l.first} + g) || '/', ${l.depth}
             from generate_series(0, ${l.count - 1}) g
             join places p on p.id = ${l.parentFirst} + g / ${l.perParent}`);
  }
  await q(`insert into dwellings (id, place_id, place_path, code, room, floor, area_centi) overriding system value
           select g + 1, p.id, p.path, 'BD' || g, ((g % 25) / 4 + 1) * 100 + (g % 25) % 4 + 1, (g % 25) / 4 + 1,
                  6000 + (g * 37) % 9000
           from generate_series(0, 99999) g join places p on p.id = 10000 + g / 25`);
  await q(`insert into households (id, code, place_id, place_path, dwelling_id) overriding system value
           select id, 'BH' || id, place_id, place_path, id from dwellings`);
  await q(`insert into residents (id, code, name, gender, birth_date, phone, household_id, place_id, place_path,
                                  dwelling_id, tenure) overriding system value
           select g + 1, 'BR' || g, '居民' || g, case when g % 2 = 0 then 'male' else 'female' end,
                  date '1950-01-01' + (g * 7919) % 25000, '139' || lpad((g % 100000000)::text, 8, '0'),
                  d.id, d.place_id, d.place_path, d.id, case when g % 2 = 0 then 'owner' else 'family' end
           from generate_series(0, 199999) g join dwellings d on d.id = g / 2 + 1`);
  await q(
    `insert into ownerships (dwelling_id, resident_id) select dwelling_id, id from residents where tenure = 'owner'`,
  );
  for (const table of ['places', 'dwellings', 'households', 'residents']) {
    await q(`select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`);
  }
  // Set the visibility map too, so subtree counts can be index-only scans as on a settled database.
  await q('vacuum analyze');
}

async function time(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const bench: Bench = {
  name: 'place-subtree',
  async run(database) {
    const started = performance.now();
    await buildCity(database);
    const buildSeconds = (performance.now() - started) / 1000;
    const { db } = database;
    const [one] = (await db.execute<{ n: number }>(sql`select count(*)::int as n from dwellings`)).rows;

    const communities = await Promise.all(Array.from({ length: 40 }, (_, i) => placeOrNotFound(db, 10 + i)));
    const pick = (i: number) => communities[(i * 7) % communities.length]!;
    // Warm the connections and the plan cache the way a running server would be.
    for (let i = 0; i < 20; i++) await listSubtreeDwellings(db, pick(i), { page: 1, pageSize: 20 });

    const cases: { name: string; run: (i: number) => Promise<unknown> }[] = [
      { name: 'dwellings page 1', run: (i) => listSubtreeDwellings(db, pick(i), { page: 1, pageSize: 20 }) },
      { name: 'dwellings page 100', run: (i) => listSubtreeDwellings(db, pick(i), { page: 100, pageSize: 20 }) },
      { name: 'residents page 1', run: (i) => listSubtreeResidents(db, pick(i), { page: 1, pageSize: 20 }, 1) },
      { name: 'residents page 200', run: (i) => listSubtreeResidents(db, pick(i), { page: 200, pageSize: 20 }, 1) },
    ];
    const figures: BenchFigure[] = [];
    for (const c of cases) {
      const sample: number[] = [];
      for (let i = 0; i < REQUESTS; i++) sample.push(await time(() => c.run(i)));
      const p95 = percentile(sample, 95);
      figures.push({ name: `${c.name} p50`, value: percentile(sample, 50), unit: 'ms' });
      figures.push({
        name: `${c.name} p95`,
        value: p95,
        unit: 'ms',
        target: `< ${TARGET_P95_MS} ms`,
        isMet: p95 < TARGET_P95_MS,
      });
    }
    return {
      title: 'Place subtree pages (100,000 dwellings, 200,000 residents)',
      figures,
      notes: [
        `${one?.n ?? 0} dwellings in 4,000 units of 40 communities (2,500 dwellings, 5,000 residents each); built and analysed in ${buildSeconds.toFixed(1)} s`,
        `${REQUESTS} sequential calls per case of the service functions the routes use (page of 20 with its total; residents pages log the staff read)`,
      ],
    };
  },
};

export default bench;
