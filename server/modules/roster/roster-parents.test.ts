import { randomBytes } from 'node:crypto';
import { eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterColumns, type ResidentRecord } from '../../../domain/roster';
import type { PlacePath } from '../../../domain/territory/places';
import { dwellings, placeCounts, places, residents } from '../../db/schema';
import { AppError } from '../../errors';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { buildDwelling, buildStaff, buildTerritory } from '../../test/factories';
import { lockParents, maySkipRowChecks, rowChecksOn } from './roster-parents.repository';
import { writeResidents, type ResidentRefs } from './roster-upserts.repository';

const HEADER = rosterColumns.residents.map((c) => c.header).join(',');
const csv = (rows: string[]) => ({ name: '居民.csv', body: Buffer.from([HEADER, ...rows].join('\r\n'), 'utf8') });

describe('roster writes with the per-row foreign-key checks off', () => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  let convenor: TestClient;
  let flat: { code: string; id: number };

  beforeAll(async () => {
    t = await buildTestApp();
    territory = await buildTerritory(t.database.db);
    flat = await buildDwelling(t.database.db, { placeId: territory.unit1.id, room: '301' });
    const staff = await buildStaff(t.database.db, { role: 'convenor', placeId: territory.community.id });
    convenor = await t.loginByCode(staff.phone);
  });
  afterAll(async () => t.close());

  const commit = (rows: string[]) => {
    const data = new FormData();
    data.append('placeId', String(territory.community.id));
    data.append('kind', 'residents');
    data.append('mode', 'commit');
    const file = csv(rows);
    data.append('file', new Blob([new Uint8Array(file.body)]), file.name);
    return convenor.request({ method: 'POST', url: '/api/roster/imports', payload: data });
  };
  const residentCount = async () => {
    const [row] = await t.database.db
      .select({ n: placeCounts.residents })
      .from(placeCounts)
      .where(eq(placeCounts.placeId, territory.unit1.id));
    return row?.n ?? 0;
  };
  const storedCount = async () =>
    (await t.database.db.select({ id: residents.id }).from(residents).where(eq(residents.placeId, territory.unit1.id)))
      .length;

  it('our own triggers on the tables written that way fire always (else the setting would silence them)', async () => {
    const triggers = await t.database.db.execute<{ table: string; name: string; enabled: string }>(sql`
      select c.relname as table, tg.tgname as name, tg.tgenabled as enabled
      from pg_trigger tg join pg_class c on c.oid = tg.tgrelid
      where c.relname in ('residents', 'ownerships') and not tg.tgisinternal
      order by 1, 2`);
    expect(triggers.rows.length).toBeGreaterThan(0);
    expect(triggers.rows.filter((r) => r.enabled !== 'A')).toEqual([]);
  });

  it('a commit writes residents in replica mode: an ordinary trigger misses them, an always one counts them', async () => {
    const before = await residentCount();
    await t.database.db.execute(sql`alter table residents enable trigger residents_place_counts_ins`);
    try {
      const silenced = await commit([`FK-1,沈一,男,1970-01-02,,,${flat.code},,业主,${flat.code}`]);
      expect(silenced.statusCode).toBe(200);
      // The import's session had the referential checks (and so ordinary triggers) off.
      expect(await residentCount()).toBe(before);
    } finally {
      await t.database.db.execute(sql`alter table residents enable always trigger residents_place_counts_ins`);
    }
    await t.database.db.execute(
      sql`update place_counts set residents = residents + 1 where place_id = ${territory.unit1.id}`,
    );
    const counted = await commit([
      `FK-2,沈二,女,1972-03-04,,,${flat.code},,家庭成员,`,
      `FK-3,沈三,男,1999-05-06,,,${flat.code},,租户,`,
    ]);
    expect(counted.statusCode).toBe(200);
    expect(counted.json().summary).toEqual({ inserted: 2, updated: 0, unchanged: 0, skipped: 0 });
    expect(await residentCount()).toBe(await storedCount());
    const owned = await t.database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from ownerships o join residents r on r.id = o.resident_id where r.code = 'FK-1'`,
    );
    expect(owned.rows[0]!.n).toBe(1);
  });

  const record = (code: string, dwellingCode: string): ResidentRecord => ({
    code,
    name: '沈四',
    gender: null,
    birthDate: '1980-01-01',
    phone: null,
    householdCode: null,
    dwellingCode,
    placeCode: territory.unit1.code,
    tenure: 'tenant',
    ownedDwellingCodes: [],
  });
  const refsWith = (dwelling: { id: number; code: string }): ResidentRefs => ({
    places: new Map([
      [
        territory.unit1.code,
        {
          id: territory.unit1.id,
          code: territory.unit1.code,
          name: territory.unit1.name,
          kind: 'unit',
          path: territory.unit1.path as PlacePath,
          parentCode: null,
          isRural: false,
        },
      ],
    ]),
    dwellings: new Map([
      [
        dwelling.code,
        {
          id: dwelling.id,
          code: dwelling.code,
          placeCode: territory.unit1.code,
          placePath: territory.unit1.path as PlacePath,
          room: '999',
          placeId: territory.unit1.id,
        },
      ],
    ]),
    households: new Map(),
  });

  it('a dwelling deleted since its look-up fails the write with 409, and nothing is written', async () => {
    const gone = await buildDwelling(t.database.db, { placeId: territory.unit1.id, room: '999' });
    await t.database.db.delete(dwellings).where(eq(dwellings.id, gone.id));
    const attempt = t.database.db.transaction((tx) =>
      writeResidents(tx, { inserts: [record('FK-GONE', gone.code)], updates: [] }, refsWith(gone), true),
    );
    await expect(attempt).rejects.toSatisfy((e) => e instanceof AppError && e.status === 409);
    // With the checks on (a role without the grant), PostgreSQL's own check refuses it (the import answers 409).
    const checked = t.database.db.transaction((tx) =>
      writeResidents(tx, { inserts: [record('FK-GONE', gone.code)], updates: [] }, refsWith(gone), false),
    );
    await expect(checked).rejects.toSatisfy((e) => (e as { cause?: { code?: string } }).cause?.code === '23503');
    expect(await t.database.db.select().from(residents).where(like(residents.code, 'FK-GONE%'))).toEqual([]);
  });

  it('with the checks on, the same write goes through row by row', async () => {
    await t.database.db.transaction((tx) =>
      writeResidents(tx, { inserts: [record('FK-CHECKED', flat.code)], updates: [] }, refsWith(flat), false),
    );
    const [row] = await t.database.db
      .select({ dwellingId: residents.dwellingId })
      .from(residents)
      .where(eq(residents.code, 'FK-CHECKED'));
    expect(row).toEqual({ dwellingId: flat.id });
  });

  it("holds each parent's lock until the transaction ends, as a foreign-key check would", async () => {
    const client = await t.database.pool.connect();
    try {
      await t.database.db.transaction(async (tx) => {
        await lockParents(tx, { dwellings: new Set([flat.id]) });
        await client.query(`set lock_timeout = '200ms'`);
        await expect(client.query('delete from dwellings where id = $1', [flat.id])).rejects.toMatchObject({
          code: '55P03',
        });
        // A key-share lock does not stop ordinary updates of the parent.
        await client.query('update dwellings set floor = floor where id = $1', [flat.id]);
      });
    } finally {
      client.release();
    }
    const [place] = await t.database.db.select({ id: places.id }).from(places).where(eq(places.id, territory.unit1.id));
    expect(place).toBeDefined();
  });

  it('locks the three parent tables in one statement and names the one a row is missing from', async () => {
    const gone = await buildDwelling(t.database.db, { placeId: territory.unit1.id, room: '998' });
    await t.database.db.delete(dwellings).where(eq(dwellings.id, gone.id));
    const attempt = t.database.db.transaction((tx) =>
      lockParents(tx, { places: new Set([territory.unit1.id]), dwellings: new Set([flat.id, gone.id]) }),
    );
    await expect(attempt).rejects.toSatisfy(
      (e) => e instanceof AppError && e.status === 409 && e.options.params?.detail === 'dwellings',
    );
    // Every parent there: no error, and nothing else asked of the database.
    await t.database.db.transaction((tx) =>
      lockParents(tx, { places: new Set([territory.unit1.id]), dwellings: new Set([flat.id]), households: new Set() }),
    );
  });

  it('the lock can turn the checks off in the same round trip, and rowChecksOn turns them on again', async () => {
    const role = async (db: Parameters<typeof lockParents>[0]) =>
      (await db.execute<{ role: string }>(sql`select current_setting('session_replication_role') as role`)).rows[0]!
        .role;
    await t.database.db.transaction(async (tx) => {
      await lockParents(tx, { dwellings: new Set([flat.id]) }, true);
      expect(await role(tx)).toBe('replica');
      await rowChecksOn(tx);
      expect(await role(tx)).toBe('origin');
    });
  });

  it('a role without the grant keeps the checks on', async () => {
    expect(await maySkipRowChecks(t.database.db)).toBe(true);
    const role = `yishi_no_replica_${randomBytes(4).toString('hex')}`;
    await t.database.db
      .transaction(async (tx) => {
        await tx.execute(sql`create role ${sql.raw(role)} nologin`);
        await tx.execute(sql`set local role ${sql.raw(role)}`);
        expect(await maySkipRowChecks(tx)).toBe(false);
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Error && error.message === 'Rollback')) throw error;
      });
  });
});
