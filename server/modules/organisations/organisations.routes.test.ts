import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../../domain/organisations/credit-code';
import { organisations, poolMembers, roleGrantEvents, roleGrants } from '../../db/schema';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { buildStaff, buildTerritory } from '../../test/factories';

type Reply = { statusCode: number; json: () => { error: unknown } };
const expectError = (response: Reply, status: number, error: object) => {
  expect(response.statusCode).toBe(status);
  expect(response.json().error).toMatchObject(error);
};
/** A valid 统一社会信用代码 from a 17-character body. */
const code = (body: string) => body + creditCodeCheckChar(body)!;

describe('social organisations', () => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  let cityOfficer: TestClient;
  let townOfficer: TestClient;
  let otherTownOfficer: TestClient;
  let convenor: TestClient;
  let resident: TestClient;
  let anonymous: TestClient;
  let hubId: number;
  let coreId: number;
  let volunteerId: number;
  let townOfficerAccountId: number;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    territory = await buildTerritory(db);
    cityOfficer = await t.loginByCode(
      (await buildStaff(db, { role: 'city_officer', placeId: territory.city.id })).phone,
    );
    const town = await buildStaff(db, { role: 'town_officer', placeId: territory.town.id });
    townOfficerAccountId = town.id;
    townOfficer = await t.loginByCode(town.phone);
    otherTownOfficer = await t.loginByCode(
      (await buildStaff(db, { role: 'town_officer', placeId: territory.otherTown.id })).phone,
    );
    convenor = await t.loginByCode((await buildStaff(db, { role: 'convenor', placeId: territory.community.id })).phone);
    resident = await t.loginByCode((await buildStaff(db, { role: 'resident', placeId: territory.unit1.id })).phone);
    anonymous = t.anonymous();
  });
  afterAll(async () => t.close());

  const categoriesUrl = () => `/api/places/${territory.city.id}/organisation-categories`;

  describe('categories (1+3+N)', () => {
    it('lets city officers add categories in order', async () => {
      const add = async (name: string, tier: string) => {
        const response = await cityOfficer.post(categoriesUrl(), { name, tier, description: `${name}说明` });
        expect(response.statusCode).toBe(201);
        return response.json().id as number;
      };
      hubId = await add('枢纽型社会组织', 'hub');
      coreId = await add('专业社工机构', 'core');
      volunteerId = await add('志愿服务组织', 'core');
      const body = (await townOfficer.get(`/api/places/${territory.town.id}/organisation-categories`)).json();
      expect(body.city.id).toBe(territory.city.id);
      expect(body.items.map((c: { name: string; sortOrder: number }) => [c.name, c.sortOrder])).toEqual([
        ['枢纽型社会组织', 1],
        ['专业社工机构', 2],
        ['志愿服务组织', 3],
      ]);
      expect(body.abilities).toEqual({ 'organisation.configure': false });
    });

    it('refuses town officers, residents and anonymous callers', async () => {
      const body = { name: '文体', tier: 'other' };
      expectError(await townOfficer.post(categoriesUrl(), body), 403, { code: 'access.denied_place' });
      expectError(await anonymous.post(categoriesUrl(), body), 401, { code: 'auth.required' });
      expectError(await resident.get(categoriesUrl()), 403, {});
      expectError(await townOfficer.patch(`/api/organisation-categories/${hubId}`, { name: '枢纽' }), 403, {});
    });

    it('rejects bad input with the field, a town as the city and a duplicate name', async () => {
      const cases: [unknown, object][] = [
        [{ tier: 'core' }, { field: 'name' }],
        [{ name: '', tier: 'core' }, { field: 'name' }],
        [
          { name: '长'.repeat(51), tier: 'core' },
          { code: 'validation.too_long', field: 'name' },
        ],
        [
          { name: '文体', tier: 'middle' },
          { code: 'validation.not_an_option', field: 'tier' },
        ],
        [{ name: '文体', tier: 'other', description: 'x'.repeat(501) }, { field: 'description' }],
        [{ name: 42, tier: 'other' }, { field: 'name' }],
      ];
      for (const [body, error] of cases) expectError(await cityOfficer.post(categoriesUrl(), body), 400, error);
      expectError(
        await cityOfficer.post(`/api/places/${territory.town.id}/organisation-categories`, {
          name: '文体',
          tier: 'other',
        }),
        400,
        { code: 'organisation.city_only', field: 'id' },
      );
      expectError(await cityOfficer.post(categoriesUrl(), { name: '专业社工机构', tier: 'core' }), 409, {
        code: 'organisation.category_name_taken',
        field: 'name',
      });
      expectError(await cityOfficer.patch(`/api/organisation-categories/${coreId}`, { name: '志愿服务组织' }), 409, {
        code: 'organisation.category_name_taken',
      });
      expectError(await cityOfficer.patch('/api/organisation-categories/987654', { name: 'x' }), 404, {
        code: 'not_found',
      });
    });

    it('adds one of two identical categories sent at once', async () => {
      const body = { name: '文体娱乐类', tier: 'other' };
      const replies = await Promise.all([
        cityOfficer.post(categoriesUrl(), body),
        cityOfficer.post(categoriesUrl(), body),
      ]);
      expect(replies.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    });

    it('edits and reorders, refusing an order that is not every category once', async () => {
      expect(
        (await cityOfficer.patch(`/api/organisation-categories/${hubId}`, { description: '每镇一个' })).statusCode,
      ).toBe(200);
      const ids = (await cityOfficer.get(categoriesUrl())).json().items.map((c: { id: number }) => c.id) as number[];
      expectError(await cityOfficer.post(`${categoriesUrl()}/order`, { ids: ids.slice(1) }), 400, {
        code: 'organisation.category_order',
        field: 'ids',
      });
      expectError(await cityOfficer.post(`${categoriesUrl()}/order`, { ids: [...ids, ids[0]] }), 400, {
        code: 'organisation.category_order',
      });
      expect((await cityOfficer.post(`${categoriesUrl()}/order`, { ids: [...ids].reverse() })).statusCode).toBe(200);
      const names = (await cityOfficer.get(categoriesUrl())).json().items.map((c: { name: string }) => c.name);
      expect(names[0]).toBe('文体娱乐类');
      await cityOfficer.post(`${categoriesUrl()}/order`, { ids });
    });
  });

  describe('the register', () => {
    let orgId: number;
    const registration = code('52330400MJ0000001');
    const body = () => ({
      name: '梧桐邻里社工站',
      categoryId: coreId,
      registrationNo: registration.toLowerCase(),
      servedPlaceIds: [territory.community.id],
      contactPhone: '13811112222',
      canDeliberate: true,
      capabilities: ['调解', ' 调解', '社工'],
      brand: '四治茶座',
    });

    it('lets a town officer register an organisation serving a community, which joins its pool', async () => {
      const response = await townOfficer.post(`/api/places/${territory.town.id}/organisations`, body());
      expect(response.statusCode).toBe(201);
      orgId = response.json().id;
      const detail = (await townOfficer.get(`/api/organisations/${orgId}`)).json();
      expect(detail).toMatchObject({
        name: '梧桐邻里社工站',
        category: { id: coreId, tier: 'core' },
        place: { id: territory.town.id },
        registrationNo: registration,
        contactPhone: '13811112222',
        isPhoneMasked: false,
        canDeliberate: true,
        capabilities: ['调解', '社工'],
        brand: '四治茶座',
        servedPlaces: [{ id: territory.community.id, name: '河滨社区' }],
        abilities: { 'organisation.manage': true },
      });
      const pool = await t.database.db.select().from(poolMembers).where(eq(poolMembers.organisationId, orgId));
      expect(pool).toMatchObject([{ placeId: territory.community.id, tags: ['调解', '社工'] }]);
      const options = (await convenor.get(`/api/places/${territory.community.id}/pool`)).json();
      expect(options.items.map((m: { name: string }) => m.name)).toContain('梧桐邻里社工站');
    });

    it('shows the convenor of a served community the entry with the phone masked, and lists it', async () => {
      const detail = (await convenor.get(`/api/organisations/${orgId}`)).json();
      expect(detail).toMatchObject({ contactPhone: '138****2222', isPhoneMasked: true });
      expect(detail.abilities).toEqual({ 'organisation.manage': false });
      const list = (await convenor.get(`/api/organisations?placeId=${territory.community.id}`)).json();
      expect(list.items.map((o: { id: number }) => o.id)).toEqual([orgId]);
      expect(list.total).toBe(1);
    });

    it("hides it from another town's officer and refuses them its changes", async () => {
      expectError(await otherTownOfficer.get(`/api/organisations/${orgId}`), 404, { code: 'not_found' });
      expectError(await otherTownOfficer.patch(`/api/organisations/${orgId}`, { canDeliberate: false }), 404, {});
      expectError(await otherTownOfficer.post(`/api/places/${territory.town.id}/organisations`, body()), 403, {});
      expectError(await convenor.patch(`/api/organisations/${orgId}`, { canDeliberate: false }), 403, {
        code: 'access.denied',
      });
      expectError(await resident.get(`/api/organisations/${orgId}`), 404, {});
      expectError(await resident.get('/api/organisations'), 403, {});
    });

    it('rejects bad input with the field at fault', async () => {
      const url = `/api/places/${territory.town.id}/organisations`;
      const cases: [object, object][] = [
        [{ name: '' }, { field: 'name' }],
        [{ name: '长'.repeat(101) }, { code: 'validation.too_long', field: 'name' }],
        [{ categoryId: 'core' }, { field: 'categoryId' }],
        [{ registrationNo: '12345' }, { code: 'organisation.registration_format', field: 'registrationNo' }],
        [
          { registrationNo: registration.slice(0, 17) + (registration[17] === '0' ? '1' : '0') },
          { code: 'organisation.registration_check_digit', field: 'registrationNo' },
        ],
        [{ contactPhone: 'call me' }, { code: 'validation.phone', field: 'contactPhone' }],
        [{ capabilities: ['长'.repeat(21)] }, { field: 'capabilities.0' }],
        [{ capabilities: Array.from({ length: 11 }, (_, i) => `能力${i}`) }, { code: 'pool.tags_too_many' }],
        [{ canDeliberate: 'yes' }, { field: 'canDeliberate' }],
        [{ brand: '长'.repeat(21) }, { field: 'brand' }],
        [{ categoryId: 987654 }, { code: 'not_found', field: 'categoryId' }],
        [{ servedPlaceIds: [territory.otherCommunity.id] }, { code: 'not_found', field: 'servedPlaceIds' }],
        [{ servedPlaceIds: [territory.unit1.id] }, { code: 'not_found', field: 'servedPlaceIds' }],
      ];
      for (const [patch, error] of cases) {
        expectError(await townOfficer.post(url, { ...body(), name: '另一个组织', ...patch }), 400, error);
      }
      expectError(await cityOfficer.post(`/api/places/${territory.community.id}/organisations`, body()), 400, {
        code: 'organisation.place_kind',
      });
      expectError(await townOfficer.get('/api/organisations/987654'), 404, { code: 'not_found' });
      expectError(await townOfficer.get('/api/organisations?canDeliberate=maybe'), 400, { field: 'canDeliberate' });
      expectError(await townOfficer.get('/api/organisations?placeId=abc'), 400, { field: 'placeId' });
    });

    it('refuses a second registration of the same number or the same name', async () => {
      expectError(
        await cityOfficer.post(`/api/places/${territory.city.id}/organisations`, { ...body(), name: '别名' }),
        409,
        { code: 'organisation.registration_taken', field: 'registrationNo' },
      );
      expectError(
        await townOfficer.post(`/api/places/${territory.town.id}/organisations`, { ...body(), registrationNo: null }),
        409,
        { code: 'organisation.name_taken', field: 'name' },
      );
    });

    it('registers one of two identical registrations sent at once', async () => {
      const twin = { ...body(), name: '双胞胎', registrationNo: code('52330400MJ0000002'), servedPlaceIds: [] };
      const url = `/api/places/${territory.town.id}/organisations`;
      const replies = await Promise.all([townOfficer.post(url, twin), townOfficer.post(url, twin)]);
      expect(replies.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      expect(await t.database.db.select().from(organisations).where(eq(organisations.name, '双胞胎'))).toHaveLength(1);
    });

    it('filters the list by category, tier, brand, flag, served place and name', async () => {
      const hub = await townOfficer.post(`/api/places/${territory.town.id}/organisations`, {
        name: '梧桐街道社会组织服务中心',
        categoryId: hubId,
      });
      expect(hub.statusCode).toBe(201);
      const names = async (query: string) =>
        (await townOfficer.get(`/api/organisations?placeId=${territory.town.id}&${query}`))
          .json()
          .items.map((o: { name: string }) => o.name);
      expect(await names(`categoryId=${coreId}`)).toEqual(['双胞胎', '梧桐邻里社工站']);
      expect(await names('tier=hub')).toEqual(['梧桐街道社会组织服务中心']);
      expect(await names(`brand=${encodeURIComponent('四治茶座')}`)).toHaveLength(2);
      expect(await names('canDeliberate=false')).toEqual(['梧桐街道社会组织服务中心']);
      expect(await names(`servesPlaceId=${territory.community.id}`)).toEqual(['梧桐邻里社工站']);
      expect(await names(`q=${encodeURIComponent('服务中心')}`)).toEqual(['梧桐街道社会组织服务中心']);
      expect(await names(`categoryId=${volunteerId}`)).toEqual([]);
      expectError(await townOfficer.get(`/api/organisations?placeId=${territory.otherTown.id}`), 403, {});
    });

    it('edits the entry, serving a new community that then has it in its pool, and deactivates it', async () => {
      const patch = { servedPlaceIds: [territory.community.id, territory.village.id], canDeliberate: false };
      expect((await townOfficer.patch(`/api/organisations/${orgId}`, patch)).statusCode).toBe(200);
      const pool = await t.database.db.select().from(poolMembers).where(eq(poolMembers.organisationId, orgId));
      expect(pool.map((p) => p.placeId).sort()).toEqual([territory.community.id, territory.village.id].sort());
      expectError(await townOfficer.patch(`/api/organisations/${orgId}`, { name: '双胞胎' }), 409, {
        code: 'organisation.name_taken',
      });
      expect((await townOfficer.patch(`/api/organisations/${orgId}`, { isActive: false })).statusCode).toBe(200);
      const list = (await townOfficer.get(`/api/organisations?placeId=${territory.town.id}`)).json();
      expect(list.items.map((o: { id: number }) => o.id)).not.toContain(orgId);
      await townOfficer.patch(`/api/organisations/${orgId}`, { isActive: true });
    });

    it('is offered to run the venues of a community it serves, and accepted as their organisation', async () => {
      const options = (await convenor.get(`/api/places/${territory.community.id}/venue-options`)).json();
      expect(options.organisations.map((o: { id: number }) => o.id)).toContain(orgId);
      const venue = {
        kind: 'hall',
        name: '社工站议事角',
        address: '社区服务中心一楼',
        capacity: 20,
        openingHours: '周末',
        accessibility: [],
        organisationId: orgId,
      };
      const response = await convenor.post(`/api/places/${territory.community.id}/venues`, venue);
      expect(response.statusCode).toBe(201);
      expect(response.json().organisation).toMatchObject({ kind: 'organisation', id: orgId });
      const publicVenue = (await anonymous.get(`/api/public/venues/${response.json().id}`)).json();
      expect(publicVenue).toMatchObject({ organisationName: '梧桐邻里社工站', organisationBrand: '四治茶座' });
    });

    describe('agents', () => {
      let agentAccountId: number;
      let agent: TestClient;

      beforeAll(async () => {
        const person = await buildStaff(t.database.db, {
          role: 'resident',
          placeId: territory.unit2.id,
          phone: '13700003333',
        });
        agentAccountId = person.id;
        agent = await t.loginByCode('13700003333');
      });

      it('appoints an agent by phone: a grant on the place, the link, and 我的组织', async () => {
        const response = await townOfficer.post(`/api/organisations/${orgId}/agents`, { phone: '137 0000 3333' });
        expect(response.statusCode).toBe(201);
        const grants = await t.database.db
          .select()
          .from(roleGrants)
          .where(and(eq(roleGrants.accountId, agentAccountId), eq(roleGrants.role, 'organisation_agent')));
        expect(grants).toMatchObject([{ placeId: territory.town.id }]);
        const events = await t.database.db
          .select()
          .from(roleGrantEvents)
          .where(eq(roleGrantEvents.accountId, agentAccountId));
        expect(events).toMatchObject([{ kind: 'granted', role: 'organisation_agent' }]);
        const mine = (await agent.get('/api/organisations/mine')).json();
        expect(mine.items.map((o: { id: number }) => o.id)).toEqual([orgId]);
        const detail = (await agent.get(`/api/organisations/${orgId}`)).json();
        expect(detail).toMatchObject({
          isPhoneMasked: false,
          agents: [{ accountId: agentAccountId, phone: '137****3333' }],
        });
        expect((await resident.get('/api/organisations/mine')).json().items).toEqual([]);
      });

      it('refuses a second appointment, an unknown phone, self-appointment and another town', async () => {
        expectError(await townOfficer.post(`/api/organisations/${orgId}/agents`, { phone: '13700003333' }), 409, {
          code: 'organisation.agent_already',
        });
        expectError(await townOfficer.post(`/api/organisations/${orgId}/agents`, { phone: '13999999999' }), 400, {
          code: 'supervision.account_unknown',
          field: 'phone',
        });
        expectError(await townOfficer.post(`/api/organisations/${orgId}/agents`, { phone: 'abc' }), 400, {
          field: 'phone',
        });
        const self = await t.database.db
          .select()
          .from(roleGrants)
          .where(eq(roleGrants.accountId, townOfficerAccountId));
        expect(self).toHaveLength(1);
        expectError(
          await otherTownOfficer.post(`/api/organisations/${orgId}/agents`, { phone: '13700003333' }),
          404,
          {},
        );
        expectError(await convenor.post(`/api/organisations/${orgId}/agents`, { phone: '13700003333' }), 403, {
          code: 'grant.denied',
        });
      });

      it('appoints once when the same appointment is sent twice at once', async () => {
        const twin = await buildStaff(t.database.db, { role: 'resident', placeId: territory.unit2.id });
        const url = `/api/organisations/${orgId}/agents`;
        const replies = await Promise.all([
          townOfficer.post(url, { phone: twin.phone }),
          townOfficer.post(url, { phone: twin.phone }),
        ]);
        expect(replies.map((r) => r.statusCode).sort()).toEqual([201, 409]);
        await townOfficer.delete(`${url}/${twin.id}`, { reason: '测试' });
      });

      it('revokes the agent, ending the grant', async () => {
        expectError(await townOfficer.delete(`/api/organisations/${orgId}/agents/${agentAccountId}`, {}), 400, {
          field: 'reason',
        });
        const response = await townOfficer.delete(`/api/organisations/${orgId}/agents/${agentAccountId}`, {
          reason: '换人',
        });
        expect(response.statusCode).toBe(200);
        expect((await agent.get('/api/organisations/mine')).json().items).toEqual([]);
        expectError(
          await townOfficer.delete(`/api/organisations/${orgId}/agents/${agentAccountId}`, { reason: '换人' }),
          404,
          { code: 'grant.unknown' },
        );
      });
    });
  });

  describe('coverage', () => {
    it('shows each town’s hub and each community’s core categories, with counts', async () => {
      const response = await cityOfficer.get(`/api/places/${territory.city.id}/organisation-coverage`);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.coreCategories.map((c: { name: string }) => c.name)).toEqual(['专业社工机构', '志愿服务组织']);
      const town = body.towns.find((x: { id: number }) => x.id === territory.town.id);
      expect(town.hubs.map((h: { name: string }) => h.name)).toEqual(['梧桐街道社会组织服务中心']);
      const community = town.communities.find((c: { id: number }) => c.id === territory.community.id);
      expect(community.cells[0].organisations.map((o: { name: string }) => o.name)).toEqual(['梧桐邻里社工站']);
      expect(community.cells[1].organisations).toEqual([]);
      expect(community.isFullyCovered).toBe(false);
      expect(body.totals).toMatchObject({ towns: 2, townsWithHub: 1, fullyCovered: 0 });
    });

    it('fills a gap when an organisation of the missing category serves the community', async () => {
      await townOfficer.post(`/api/places/${territory.town.id}/organisations`, {
        name: '河滨志愿者协会',
        categoryId: volunteerId,
        servedPlaceIds: [territory.community.id],
      });
      const body = (await townOfficer.get(`/api/places/${territory.town.id}/organisation-coverage`)).json();
      expect(body.towns).toHaveLength(1);
      const community = body.towns[0].communities.find((c: { id: number }) => c.id === territory.community.id);
      expect(community.isFullyCovered).toBe(true);
      expect(body.totals.fullyCovered).toBe(1);
    });

    it('refuses a community, another town and residents', async () => {
      expectError(await townOfficer.get(`/api/places/${territory.community.id}/organisation-coverage`), 400, {
        code: 'organisation.coverage_place',
      });
      expectError(await townOfficer.get(`/api/places/${territory.otherTown.id}/organisation-coverage`), 403, {});
      expectError(await resident.get(`/api/places/${territory.town.id}/organisation-coverage`), 403, {});
      expectError(await anonymous.get(`/api/places/${territory.town.id}/organisation-coverage`), 401, {});
    });
  });
});
