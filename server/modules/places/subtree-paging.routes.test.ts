import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { buildDwelling, buildResident, buildStaff, buildTerritory } from '../../test/factories';

type Page = { items: { id: number; room?: string; name?: string }[]; total: number; page: number; next: string | null };

/** Keyset paging of the subtree lists: following `next` gives exactly the pages the numbers give. */
describe('subtree pages by cursor', () => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  let convenor: TestClient;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    territory = await buildTerritory(db);
    // Same floor and room across units, rooms that sort byte-wise ('10' before '9'), a basement.
    const rooms: [number, string, number][] = [
      [territory.unit1.id, '9', 1],
      [territory.unit1.id, '10', 1],
      [territory.unit1.id, 'B1', -1],
      [territory.unit1.id, '201', 2],
      [territory.unit2.id, '9', 1],
      [territory.unit2.id, '10', 1],
      [territory.unit2.id, '301', 3],
    ];
    for (const [placeId, room, floor] of rooms) {
      const flat = await buildDwelling(db, { placeId, room, floor });
      await buildResident(db, { placeId, dwellingId: flat.id, name: `住户${room}` });
      await buildResident(db, { placeId, dwellingId: flat.id, name: `家属${room}` });
    }
    await buildResident(db, { placeId: territory.group.id, name: '村民' });
    convenor = await t.loginByCode((await buildStaff(db, { role: 'convenor', placeId: territory.community.id })).phone);
  });
  afterAll(async () => t.close());

  async function get(url: string): Promise<Page> {
    const response = await convenor.get(url);
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  /** Walks every page with the cursors, checking each against the same page asked by number. */
  async function walk(base: string, size: number) {
    const seen: number[] = [];
    let page = await get(`${base}pageSize=${size}`);
    for (let n = 1; ; n++) {
      const byNumber = await get(`${base}pageSize=${size}&page=${n}`);
      expect(page.items.map((i) => i.id)).toEqual(byNumber.items.map((i) => i.id));
      expect(page.total).toBe(byNumber.total);
      seen.push(...page.items.map((i) => i.id));
      if (!page.next) break;
      page = await get(`${base}pageSize=${size}&page=${n + 1}&after=${page.next}`);
      expect(page.page).toBe(n + 1);
    }
    return seen;
  }

  it('walks the dwellings of a building in path, floor and room order', async () => {
    const base = `/api/places/${territory.building.id}/dwellings?`;
    const all = await get(`${base}pageSize=100`);
    expect(all.total).toBe(7);
    expect(all.next).toBeNull();
    expect(all.items.map((d) => d.room)).toEqual(['B1', '10', '9', '201', '10', '9', '301']);
    for (const size of [1, 2, 3]) expect(await walk(base, size)).toEqual(all.items.map((d) => d.id));
  });

  it('walks the residents of a community, with and without a search', async () => {
    const base = `/api/places/${territory.community.id}/residents?`;
    const all = await get(`${base}pageSize=100`);
    expect(all.total).toBe(14);
    for (const size of [1, 4, 5]) expect(await walk(base, size)).toEqual(all.items.map((r) => r.id));
    const searched = `${base}q=${encodeURIComponent('家属')}&`;
    const matches = await get(`${searched}pageSize=100`);
    expect(matches.total).toBe(7);
    expect(await walk(searched, 3)).toEqual(matches.items.map((r) => r.id));
  });

  it('keeps the total on a page past the end, by number and by cursor', async () => {
    const dwellingsBase = `/api/places/${territory.building.id}/dwellings?pageSize=3`;
    const beyond = await get(`${dwellingsBase}&page=9`);
    expect(beyond).toMatchObject({ items: [], total: 7, page: 9, next: null });
    const last = await get(`${dwellingsBase}&page=3`);
    expect(last.items).toHaveLength(1);
    const lastKey = Buffer.from(JSON.stringify(['/~', 0, '', 0])).toString('base64url');
    expect(await get(`${dwellingsBase}&page=4&after=${lastKey}`)).toMatchObject({ items: [], total: 7, next: null });
    const residentsBase = `/api/places/${territory.community.id}/residents?pageSize=5`;
    expect(await get(`${residentsBase}&page=4`)).toMatchObject({ items: [], total: 14, next: null });
  });

  it('reads a page by its number when the cursor does not decode', async () => {
    const base = `/api/places/${territory.building.id}/dwellings?pageSize=2&page=2`;
    const byNumber = await get(base);
    for (const bad of ['x', 'WzFd', Buffer.from('["/1/",1,"9","x"]').toString('base64url')]) {
      expect((await get(`${base}&after=${bad}`)).items).toEqual(byNumber.items);
    }
  });

  it('refuses a cursor longer than any key', async () => {
    const response = await convenor.get(`/api/places/${territory.building.id}/dwellings?after=${'x'.repeat(401)}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ field: 'after' });
  });
});
