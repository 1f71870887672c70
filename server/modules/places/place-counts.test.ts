import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterColumns, type RosterKind } from '../../../domain/roster';
import { dwellings, places, residents } from '../../db/schema';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { buildDwelling, buildPlace, buildResident, buildStaff, buildTerritory } from '../../test/factories';

const csv = (kind: RosterKind, rows: string[][]) => ({
  name: `${kind}.csv`,
  body: Buffer.from([rosterColumns[kind].map((c) => c.header), ...rows].map((r) => r.join(',')).join('\r\n'), 'utf8'),
});

/**
 * The per-place counters (place_counts, kept by triggers) against count(*) after every kind of write:
 * factory inserts, roster imports that insert and that move people, a resident moved and a dwelling
 * deleted by hand, a place moved to another parent, a truncate. The subtree totals the routes show
 * are compared with count(*) over the subtree's paths.
 */
describe('place counters stay exact', () => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  let convenor: TestClient;
  let cityOfficer: TestClient;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    territory = await buildTerritory(db);
    convenor = await t.loginByCode((await buildStaff(db, { role: 'convenor', placeId: territory.community.id })).phone);
    cityOfficer = await t.loginByCode(
      (await buildStaff(db, { role: 'city_officer', placeId: territory.city.id })).phone,
    );
  });
  afterAll(async () => t.close());

  /** Every place's counters next to count(*) of its rows; the two columns must be equal. */
  async function counterRows() {
    const { rows } = await t.database.pool.query<{ id: number; counted: string; kept: string }>(`
      select p.id,
             concat_ws('/', (select count(*) from dwellings d where d.place_id = p.id),
                            (select count(*) from households h where h.place_id = p.id),
                            (select count(*) from residents r where r.place_id = p.id)) as counted,
             concat_ws('/', coalesce(c.dwellings, 0), coalesce(c.households, 0), coalesce(c.residents, 0)) as kept
      from places p left join place_counts c on c.place_id = p.id order by p.id`);
    return rows;
  }

  async function expectExact() {
    const rows = await counterRows();
    expect(rows.map((r) => [r.id, r.kept])).toEqual(rows.map((r) => [r.id, r.counted]));
    for (const place of [territory.city, territory.town, territory.community, territory.building]) {
      const [row] = await t.database.db.select({ path: places.path }).from(places).where(eq(places.id, place.id));
      const { rows: counted } = await t.database.pool.query<{ d: number; h: number; r: number }>(
        `select (select count(*)::int from dwellings where place_path like $1 || '%') d,
                (select count(*)::int from households where place_path like $1 || '%') h,
                (select count(*)::int from residents where place_path like $1 || '%') r`,
        [row!.path],
      );
      const detail = await cityOfficer.get(`/api/places/${place.id}`);
      expect(detail.statusCode).toBe(200);
      expect(detail.json().counts).toMatchObject({
        dwellings: counted[0]!.d,
        households: counted[0]!.h,
        residents: counted[0]!.r,
      });
      const dwellingsPage = await cityOfficer.get(`/api/places/${place.id}/dwellings`);
      expect(dwellingsPage.json().total).toBe(counted[0]!.d);
      const residentsPage = await cityOfficer.get(`/api/places/${place.id}/residents`);
      expect(residentsPage.json().total).toBe(counted[0]!.r);
    }
  }

  function upload(kind: RosterKind, rows: string[][]) {
    const data = new FormData();
    data.append('placeId', String(territory.community.id));
    data.append('kind', kind);
    data.append('mode', 'commit');
    const file = csv(kind, rows);
    data.append('file', new Blob([new Uint8Array(file.body)]), file.name);
    return convenor.request({ method: 'POST', url: '/api/roster/imports', payload: data });
  }

  it('counts rows written one by one', async () => {
    const db = t.database.db;
    const flat = await buildDwelling(db, { placeId: territory.unit1.id, room: '101' });
    await buildDwelling(db, { placeId: territory.unit2.id, room: '201' });
    await buildResident(db, { placeId: territory.unit1.id, dwellingId: flat.id, owns: [flat.id] });
    await buildResident(db, { placeId: territory.group.id });
    await expectExact();
  });

  it('counts a roster import of dwellings, households and residents', async () => {
    const { unit1, unit2 } = territory;
    const imported = await upload('dwellings', [
      ['PC-D1', unit1.code, '301', '3', '80', '', '', ''],
      ['PC-D2', unit1.code, '302', '3', '80', '', '', ''],
      ['PC-D3', unit2.code, '303', '3', '80', '', '', ''],
    ]);
    expect(imported.json()).toMatchObject({ committed: true, summary: { inserted: 3 } });
    expect((await upload('households', [['PC-H1', unit1.code, 'PC-D1']])).json()).toMatchObject({ committed: true });
    const people = await upload('residents', [
      ['PC-R1', '周一', '男', '1980-01-01', '', 'PC-H1', 'PC-D1', '', '家庭成员', ''],
      ['PC-R2', '周二', '女', '1982-01-01', '', 'PC-H1', 'PC-D1', '', '家庭成员', ''],
      ['PC-R3', '周三', '女', '1990-01-01', '', '', 'PC-D2', '', '家庭成员', ''],
    ]);
    expect(people.json()).toMatchObject({ committed: true, summary: { inserted: 3 } });
    await expectExact();
  });

  it('moves the counts when a re-import moves people to another unit', async () => {
    const moved = await upload('residents', [
      ['PC-R1', '周一', '男', '1980-01-01', '', '', 'PC-D3', '', '家庭成员', ''],
      ['PC-R3', '周三', '女', '1990-01-01', '', '', 'PC-D3', '', '家庭成员', ''],
    ]);
    expect(moved.json()).toMatchObject({ committed: true, summary: { updated: 2 } });
    const [r1] = await t.database.db.select().from(residents).where(eq(residents.code, 'PC-R1'));
    expect(r1!.placeId).toBe(territory.unit2.id);
    await expectExact();
  });

  it('follows a resident moved and a dwelling deleted by hand, several rows a statement', async () => {
    const db = t.database.db;
    await db
      .update(residents)
      .set({ placeId: territory.otherCommunity.id, placePath: territory.otherCommunity.path })
      .where(eq(residents.code, 'PC-R2'));
    await db.update(residents).set({ name: sql`${residents.name} || '·'` });
    await db
      .delete(dwellings)
      .where(eq(dwellings.code, 'PC-D2'))
      .catch(() => undefined);
    const spare = await buildDwelling(db, { placeId: territory.unit2.id, room: '909' });
    await db.delete(dwellings).where(eq(dwellings.id, spare.id));
    await expectExact();
  });

  it('keeps the counts when a place moves to another parent (they follow the place, not its path)', async () => {
    const db = t.database.db;
    const estate = await buildPlace(db, { kind: 'estate', name: '新苑', parentId: territory.village.id });
    const building = territory.building;
    const oldPath = building.path;
    const newPath = `${estate.path}${building.id}/`;
    await db.transaction(async (tx) => {
      const move = (table: string, column: string) =>
        tx.execute(
          sql`update ${sql.identifier(table)} set ${sql.identifier(column)} = ${newPath} || substr(${sql.identifier(column)}, ${oldPath.length + 1})
              where ${sql.identifier(column)} like ${`${oldPath}%`}`,
        );
      await move('places', 'path');
      await tx.update(places).set({ parentId: estate.id }).where(eq(places.id, building.id));
      for (const table of ['dwellings', 'households', 'residents']) await move(table, 'place_path');
    });
    territory = { ...territory, building: { ...building, path: newPath } };
    await expectExact();
    const village = await cityOfficer.get(`/api/places/${territory.village.id}`);
    expect(village.json().counts.dwellings).toBeGreaterThan(0);
  });

  it('clears the counts on a truncate', async () => {
    await t.database.pool.query('truncate ownerships, residents, households cascade');
    await expectExact();
    const rows = await counterRows();
    expect(rows.every((r) => r.kept.endsWith('/0/0'))).toBe(true);
  });
});
