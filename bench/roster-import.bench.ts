import { sql } from 'drizzle-orm';
import { formatRecord, type ResidentRecord } from '../domain/roster';
import type { Database } from '../server/db/client';
import { importRoster, type ImportOutcome } from '../server/modules/roster';
import { writeXlsx } from '../server/modules/roster/roster.files';
import { findPlaceById } from '../server/modules/roster/roster.repository';
import type { Bench, BenchFigure } from './lib';

const RESIDENTS = 50_000;
const TARGET_SECONDS = 30;
const COMMUNITY_ID = 3;

/**
 * One community of 5 estates × 10 buildings × 2 units, 250 dwellings and households per unit (25,000),
 * written with set-based SQL: the roster a resident file refers to.
 */
export async function buildCommunity(database: Database): Promise<void> {
  const q = (text: string) => database.pool.query(text);
  await q(`insert into places (id, parent_id, kind, code, name, path, depth) overriding system value values
           (1, null, 'city', 'RB', '基准市', '/1/', 1), (2, 1, 'town', 'RB-1', '基准街道', '/1/2/', 2),
           (3, 2, 'community', 'RB-1-1', '基准社区', '/1/2/3/', 3)`);
  const levels = [
    { kind: 'estate', first: 10, count: 5, parentFirst: 3, perParent: 5, depth: 4 },
    { kind: 'building', first: 100, count: 50, parentFirst: 10, perParent: 10, depth: 5 },
    { kind: 'unit', first: 1_000, count: 100, parentFirst: 100, perParent: 2, depth: 6 },
  ];
  for (const l of levels) {
    await q(`insert into places (id, parent_id, kind, code, name, path, depth) overriding system value
             select ${l.first} + g, p.id, '${l.kind}', 'RB' || (${l.first} + g), '${l.kind} ' || g,
                    p.path || (${l.first} + g) || '/', ${l.depth}
             from generate_series(0, ${l.count - 1}) g join places p on p.id = ${l.parentFirst} + g / ${l.perParent}`);
  }
  await q(`insert into dwellings (id, place_id, place_path, code, room, floor, area_centi) overriding system value
           select g + 1, p.id, p.path, 'BD' || g, (g % 250)::text, (g % 250) / 10 + 1, 6000 + (g * 37) % 9000
           from generate_series(0, ${RESIDENTS / 2 - 1}) g join places p on p.id = 1000 + g / 250`);
  await q(`insert into households (id, code, place_id, place_path, dwelling_id) overriding system value
           select id, 'BH' || (id - 1), place_id, place_path, id from dwellings`);
  for (const table of ['places', 'dwellings', 'households']) {
    await q(`select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`);
  }
  await q('vacuum analyze');
}

/** Two residents per dwelling: the first owns it, the second is family; varied names, dates and phones. */
export function residentRows(): string[][] {
  const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '欧阳'];
  return Array.from({ length: RESIDENTS }, (_, g) => {
    const dwelling = Math.floor(g / 2);
    const record: ResidentRecord = {
      code: `BR${g}`,
      name: `${surnames[g % surnames.length]}居民${g}`,
      gender: g % 2 === 0 ? 'male' : 'female',
      birthDate: new Date(Date.UTC(1940, 0, 1) + ((g * 7919) % 25_000) * 86_400_000).toISOString().slice(0, 10),
      phone: g % 5 === 0 ? null : `139${String(g).padStart(8, '0')}`,
      householdCode: `BH${dwelling}`,
      dwellingCode: `BD${dwelling}`,
      placeCode: `RB${1000 + Math.floor(dwelling / 250)}`,
      tenure: g % 2 === 0 ? 'owner' : 'family',
      ownedDwellingCodes: g % 2 === 0 ? [`BD${dwelling}`] : [],
    };
    return formatRecord('residents', record);
  });
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - started) / 1000 };
}

const bench: Bench = {
  name: 'roster-import',
  async run(database) {
    await buildCommunity(database);
    const file = await timed(() => writeXlsx('residents', residentRows(), false));
    const scope = (await findPlaceById(database.db, COMMUNITY_ID))!;
    const command = (mode: 'validate' | 'commit') => ({
      accountId: 1,
      scope,
      kind: 'residents' as const,
      mode,
      fileName: 'residents.xlsx',
      source: { buffer: file.value },
      today: '2026-01-01',
      acknowledgeWarnings: false,
      caps: { maxRows: 200_000, maxUnzippedBytes: 256 * 2 ** 20 },
    });
    const check = (outcome: ImportOutcome, expected: object) => {
      if (outcome.problems.length > 0)
        throw new Error(`bench file has problems: ${JSON.stringify(outcome.problems[0])}`);
      if (JSON.stringify(outcome.summary) !== JSON.stringify(expected)) {
        throw new Error(`unexpected summary ${JSON.stringify(outcome.summary)}`);
      }
    };

    const validate = await timed(() => importRoster(database.db, command('validate')));
    check(validate.value, null as unknown as object);
    const commit = await timed(() => importRoster(database.db, command('commit')));
    check(commit.value, { inserted: RESIDENTS, updated: 0, unchanged: 0, skipped: 0 });
    const again = await timed(() => importRoster(database.db, command('commit')));
    check(again.value, { inserted: 0, updated: 0, unchanged: RESIDENTS, skipped: 0 });
    const [stored] = (
      await database.db.execute<{ residents: number; ownerships: number }>(
        sql`select (select count(*)::int from residents) as residents, (select count(*)::int from ownerships) as ownerships`,
      )
    ).rows;

    const figures: BenchFigure[] = [
      {
        name: 'validate + commit 50,000 residents',
        value: commit.seconds,
        unit: 's',
        target: `< ${TARGET_SECONDS} s`,
        isMet: commit.seconds < TARGET_SECONDS,
      },
      { name: 'commit throughput', value: RESIDENTS / commit.seconds, unit: 'rows/s' },
      { name: 'validate only', value: validate.seconds, unit: 's' },
      { name: 're-import, all unchanged', value: again.seconds, unit: 's' },
    ];
    return {
      title: 'Roster import (50,000 residents, .xlsx)',
      figures,
      notes: [
        `${(file.value.length / 2 ** 20).toFixed(1)} MiB .xlsx built in memory in ${file.seconds.toFixed(1)} s (not timed); ${stored?.residents ?? 0} residents and ${stored?.ownerships ?? 0} ownerships stored`,
        'importRoster called directly (no HTTP): read .xlsx, look up referenced codes set-wise, validate, diff, unnest upserts, one transaction',
      ],
    };
  },
};

export default bench;
