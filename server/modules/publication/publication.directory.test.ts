import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactPublicText } from '../../../domain/publication/public-text';
import type { Db } from '../../db/client';
import { createTestDatabase } from '../../test/database';
import { buildResident, buildTerritory } from '../../test/factories';
import { cityDirectory, directoryStats } from './publication.directory';
import { readDirectoryEntries } from './publication.repository';

/** A city of 100,000 residents: the directory is built once, scanned fast and rebuilt when a name changes. */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let placeId: number;
const RESIDENTS = 100_000;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  const territory = await buildTerritory(db);
  placeId = territory.unit2.id;
  await buildResident(db, { placeId, name: '欧阳秋菊' });
  // Names of two or three CJK characters: the first two alone make every name distinct.
  await db.execute(sql`
    insert into residents (code, name, birth_date, place_id, place_path, tenure)
    select 'BENCH-' || i, chr(19968 + i % 2999) || chr(19968 + (i / 2999) % 2999)
           || case when i % 3 = 0 then '' else chr(20000 + (i * 7) % 2999) end,
           '1980-01-01', r.place_id, r.place_path, 'owner'
      from generate_series(1, ${RESIDENTS - 1}) i, (select place_id, place_path from residents limit 1) r`);
}, 120_000);
afterAll(async () => database.close());

describe('city name directory', () => {
  it('builds once for 100k residents, scans a long text in about a millisecond, and is reused', async () => {
    const started = performance.now();
    const directory = await cityDirectory(db);
    const buildMs = performance.now() - started;
    const stats = directoryStats(db)!;
    expect(stats.names).toBeGreaterThan(90_000);
    const text = '会议由工作人员主持，欧阳秋菊发言，联系电话138 1234 5678。大家同意加装电梯。'.repeat(40);
    const scanStarted = performance.now();
    for (let i = 0; i < 20; i += 1) redactPublicText(text, directory);
    const scanMs = (performance.now() - scanStarted) / 20;
    expect(redactPublicText('欧阳秋菊发言', directory).text).toBe('居民A发言');
    const again = performance.now();
    expect(await cityDirectory(db)).toBe(directory);
    const reuseMs = performance.now() - again;
    console.info(
      `name directory: ${stats.names} names built in ${Math.round(buildMs)} ms (reading ${stats.queryMs} ms, automaton ${stats.builtInMs} ms), ` +
        `scan of ${text.length} chars ${scanMs.toFixed(2)} ms, cached read ${reuseMs.toFixed(1)} ms`,
    );
    expect(buildMs).toBeLessThan(15_000);
    expect(scanMs).toBeLessThan(50);
  });

  it('reads every name in batches, none lost at their edges, twice in one transaction (the cursor closed)', async () => {
    const { rows } = await db.execute<{ n: number }>(sql`
      select (select count(distinct name) from residents) + (select count(*) from accounts) as n`);
    const expected = Number(rows[0]!.n);
    const read = async (on: Parameters<typeof readDirectoryEntries>[0]) => {
      const sizes: number[] = [];
      const names = new Set<string>();
      await readDirectoryEntries(on, 7_000, async (entries) => {
        sizes.push(entries.length);
        for (const e of entries) names.add(`${e.kind}:${e.name}`);
      });
      return { sizes, total: sizes.reduce((a, b) => a + b, 0), distinct: names.size };
    };
    const [first, second] = await db.transaction(async (tx) => [await read(tx), await read(tx)]);
    expect(first.total).toBe(expected);
    expect(first.sizes.slice(0, -1).every((n) => n === 7_000)).toBe(true);
    expect(first.sizes.length).toBe(Math.ceil(expected / 7_000));
    expect(second).toEqual(first);
    expect(directoryStats(db)!.names).toBe((await cityDirectory(db)).size);
  });

  it('rebuilds after a resident is added; public reads may use the previous one meanwhile', async () => {
    const before = await cityDirectory(db);
    await buildResident(db, { placeId, name: '司马长风' });
    const stale = await cityDirectory(db, { mayBeStale: true });
    expect(stale).toBe(before);
    const fresh = await cityDirectory(db);
    expect(fresh).not.toBe(before);
    expect(redactPublicText('司马长风来了', fresh).text).toBe('居民A来了');
    expect(await cityDirectory(db, { mayBeStale: true })).toBe(fresh);
  });
});
