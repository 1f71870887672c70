import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitations } from '../../db/schema';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { buildResident, buildStaff, buildTerritory } from '../../test/factories';
import { buildMatter } from '../../test/matter-factories';

type Card = {
  id: number;
  title: string;
  status: string;
  placeName: string;
  hasSupported: boolean;
  isFollowed: boolean;
  supportCount: number;
  abilities: Record<string, boolean>;
};

describe('GET /api/matters/community: the matters of my community', () => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  let resident: TestClient;
  let neighbour: TestClient;
  let outsider: TestClient;
  let gridWorker: TestClient;
  let residentAccountId: number;
  let neighbourAccountId: number;
  const ids: Record<string, number> = {};
  const titles = (cards: Card[]) => cards.map((c) => c.title).sort();
  const list = async (client: TestClient, query = '') => {
    const response = await client.get(`/api/matters/community${query}`);
    expect(response.statusCode).toBe(200);
    return response.json() as { items: Card[]; total: number; countsByStatus: Record<string, number> } & {
      places: { id: number; name: string; kind: string }[];
      page: number;
      pageSize: number;
    };
  };

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    territory = await buildTerritory(db);
    await buildResident(db, { placeId: territory.unit2.id, phone: '13800000301', name: '张阿姨' });
    await buildResident(db, { placeId: territory.unit1.id, phone: '13800000302', name: '李师傅' });
    await buildResident(db, { placeId: territory.otherCommunity.id, phone: '13800000303', name: '王大伯' });
    const gridAccount = await buildStaff(db, { role: 'grid_worker', placeId: territory.community.id });
    resident = await t.loginByCode('13800000301');
    neighbour = await t.loginByCode('13800000302');
    outsider = await t.loginByCode('13800000303');
    gridWorker = t.anonymous();
    await gridWorker.post('/api/auth/login/password', { phone: gridAccount.phone, password: 'demo1234' });
    residentAccountId = (await resident.get('/api/session')).json().account.id;
    neighbourAccountId = (await neighbour.get('/api/session')).json().account.id;
    const raise = async (key: string, opts: Partial<Parameters<typeof buildMatter>[1]>) => {
      ids[key] = (
        await buildMatter(db, { placeId: territory.building.id, proposerAccountId: neighbourAccountId, ...opts })
      ).id;
    };
    // Oldest first: the list shows the newest activity first.
    await raise('lift', { title: '5幢加装电梯', category: 'facilities' });
    await raise('bins', {
      title: '垃圾分类点搬迁',
      category: 'environment',
      description: '桶边异味，夏天尤其严重。',
      placeId: territory.estate.id,
      level: 'estate',
    });
    await raise('parking', { title: '小区停车位规划', category: 'facilities', status: 'deliberating' });
    await raise('private', {
      title: '两户漏水纠纷',
      category: 'mediation',
      kind: 'dispute',
      visibility: 'participants',
    });
    await raise('invited', { title: '楼道堆物协调', category: 'mediation', visibility: 'participants' });
    await raise('mine', { title: '健身器材维修', category: 'facilities', proposerAccountId: residentAccountId });
    await raise('elsewhere', {
      title: '濮院社区路灯',
      category: 'safety',
      placeId: territory.otherCommunity.id,
      level: 'community',
    });
    const residentId = (await resident.get('/api/session')).json().account.residentId as number;
    await db.insert(invitations).values({ matterId: ids.invited!, reason: 'affected', residentId });
  });
  afterAll(async () => t.close());

  it('shows a resident the matters of their community they may see, newest activity first', async () => {
    const page = await list(resident);
    expect(page.items.map((c) => c.title)).toEqual([
      '健身器材维修',
      '楼道堆物协调',
      '小区停车位规划',
      '垃圾分类点搬迁',
      '5幢加装电梯',
    ]);
    expect(page.total).toBe(5);
    expect(page.items[0]).toMatchObject({ placeName: '5幢', hasSupported: false, isFollowed: false });
    expect(page.places.map((p) => [p.kind, p.name])).toEqual([
      ['community', '河滨社区'],
      ['estate', '河滨小区'],
      ['building', '5幢'],
    ]);
  });

  it('hides matters limited to their participants from neighbours who do not take part', async () => {
    expect(titles((await list(neighbour)).items)).toContain('两户漏水纠纷'); // the proposer
    expect(titles((await list(resident)).items)).not.toContain('两户漏水纠纷');
    expect(titles((await list(resident)).items)).toContain('楼道堆物协调'); // invited
  });

  it('shows a resident of another community none of them', async () => {
    const page = await list(outsider);
    expect(titles(page.items)).toEqual(['濮院社区路灯']);
    for (const id of [ids.lift, ids.private]) expect((await outsider.get(`/api/matters/${id}`)).statusCode).toBe(404);
  });

  it('shows staff of the community every matter there, private ones too', async () => {
    expect((await list(gridWorker)).total).toBe(6);
  });

  it('filters by stage and category, counting each stage under the other filters', async () => {
    const facilities = await list(resident, '?category=facilities');
    expect(titles(facilities.items)).toEqual(['5幢加装电梯', '健身器材维修', '小区停车位规划']);
    expect(facilities.countsByStatus).toEqual({ raised: 2, deliberating: 1 });
    const deliberating = await list(resident, '?category=facilities&status=deliberating');
    expect(titles(deliberating.items)).toEqual(['小区停车位规划']);
    expect(deliberating.total).toBe(1);
    expect(deliberating.countsByStatus).toEqual({ raised: 2, deliberating: 1 });
    expect((await list(resident, '?status=archived')).items).toEqual([]);
  });

  it('narrows to the estate or building and searches title and description, each word', async () => {
    expect(titles((await list(resident, `?placeId=${territory.estate.id}`)).items)).toHaveLength(5);
    expect(titles((await list(resident, `?placeId=${territory.building.id}`)).items)).not.toContain('垃圾分类点搬迁');
    expect(titles((await list(resident, `?placeId=${territory.otherCommunity.id}`)).items)).toEqual([]);
    expect(titles((await list(resident, `?q=${encodeURIComponent('健身')}`)).items)).toEqual(['健身器材维修']);
    // In the description only, and two words that must both match.
    expect(titles((await list(resident, `?q=${encodeURIComponent('异味')}`)).items)).toEqual(['垃圾分类点搬迁']);
    expect(titles((await list(resident, `?q=${encodeURIComponent('停车 规划')}`)).items)).toEqual(['小区停车位规划']);
    expect((await list(resident, `?q=${encodeURIComponent('100%_')}`)).total).toBe(0);
  });

  it('pages within bounds', async () => {
    const first = await list(resident, '?pageSize=2');
    const third = await list(resident, '?pageSize=2&page=3');
    expect(first.items).toHaveLength(2);
    expect(third.items.map((c) => c.title)).toEqual(['5幢加装电梯']);
    expect((await list(resident, '?pageSize=2&page=4')).items).toEqual([]);
    expect(first.total).toBe(5);
  });

  it('tells who may support each matter (联名) by the stage and the proposer', async () => {
    const cards = (await list(resident)).items;
    const ability = (title: string) => cards.find((c) => c.title === title)!.abilities;
    expect(ability('5幢加装电梯')).toEqual({ 'matter.support': true, 'matter.follow': true });
    expect(ability('小区停车位规划')['matter.support']).toBe(false); // deliberating
    expect(ability('健身器材维修')['matter.support']).toBe(false); // their own
    expect((await resident.post(`/api/matters/${ids.lift}/supports`)).statusCode).toBe(200);
    const lift = (await list(resident, `?q=${encodeURIComponent('5幢加装')}`)).items[0]!;
    expect(lift).toMatchObject({ hasSupported: true, supportCount: 1 });
  });

  it('refuses bad input with the field at fault', async () => {
    const cases: [string, string][] = [
      ['?status=unknown', 'status'],
      ['?category=weather', 'category'],
      [`?q=${'长'.repeat(51)}`, 'q'],
      ['?page=0', 'page'],
      ['?pageSize=51', 'pageSize'],
      ['?placeId=abc', 'placeId'],
      ['?followed=yes', 'followed'],
    ];
    for (const [query, field] of cases) {
      const response = await resident.get(`/api/matters/community${encodeURI(query)}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.field, query).toBe(field);
    }
  });

  it('asks who is looking', async () => {
    expect((await t.anonymous().get('/api/matters/community')).statusCode).toBe(401);
  });
});
