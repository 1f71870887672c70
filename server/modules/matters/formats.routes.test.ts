import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInFormatTemplates } from '../../../domain/matters/formats';
import { expectError } from '../../test/after-deliberation.fixtures';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { buildResident, buildStaff, buildTerritory } from '../../test/factories';

const format = {
  name: '楼道议事',
  description: '楼栋长召集本楼道居民商量楼道里的事。',
  inviteeGroups: ['affected_residents', 'building_heads'],
  councilKinds: ['residents_council'],
  meetingMode: 'on_site',
  ballotRule: 'simple_majority',
};

describe('formats (协商形式) as templates', () => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  let officer: TestClient;
  let convenor: TestClient;
  let otherOfficer: TestClient;
  let resident: TestClient;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    territory = await buildTerritory(db);
    await buildResident(db, { placeId: territory.unit2.id, phone: '13800000201', name: '张阿姨' });
    const staff = async (role: 'town_officer' | 'convenor', placeId: number) =>
      t.loginByCode((await buildStaff(db, { role, placeId })).phone);
    officer = await staff('town_officer', territory.town.id);
    convenor = await staff('convenor', territory.community.id);
    otherOfficer = await staff('town_officer', territory.otherTown.id);
    resident = await t.loginByCode('13800000201');
  });
  afterAll(async () => t.close());

  const url = () => `/api/places/${territory.community.id}/formats`;

  it('gives each community the six built-in formats with their descriptions and defaults', async () => {
    const reply = (await convenor.get(`/api/places/${territory.building.id}/formats`)).json();
    expect(reply.canManage).toBe(false);
    expect(reply.items.map((f: { name: string }) => f.name)).toEqual(builtInFormatTemplates.map((f) => f.name));
    const invitation = reply.items.find((f: { name: string }) => f.name === '邀约协商');
    expect(invitation).toMatchObject({
      isBuiltIn: true,
      inviteeGroups: ['affected_residents', 'building_heads', 'property'],
      meetingMode: 'on_site',
      ballotRule: 'civil_code_278_major',
    });
    expect(invitation.description).toContain('电梯加装');
    expect((await officer.get(url())).json().canManage).toBe(true);
  });

  it('lets an officer over the community create and edit a format', async () => {
    const created = await officer.post(url(), format);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ ...format, isBuiltIn: false });
    const id = created.json().id;
    const edited = await officer.put(`/api/formats/${id}`, {
      ...format,
      name: '楼道议事会',
      inviteeGroups: ['party_members', 'party_members'],
      councilKinds: [],
      meetingMode: null,
      ballotRule: null,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ name: '楼道议事会', inviteeGroups: ['party_members'], meetingMode: null });
    const listed = (await resident.get(url())).json().items.find((f: { id: number }) => f.id === id);
    expect(listed).toMatchObject({ name: '楼道议事会', ballotRule: null });
  });

  it('refuses convenors, residents, officers of another town and the anonymous', async () => {
    expectError(await convenor.post(url(), { ...format, name: '议事A' }), 403, { code: 'access.denied' });
    expectError(await resident.post(url(), { ...format, name: '议事B' }), 403, { code: 'access.denied' });
    expectError(await otherOfficer.post(url(), { ...format, name: '议事C' }), 403, { code: 'access.denied' });
    expectError(await t.anonymous().post(url(), format), 401, { code: 'auth.required' });
    const id = (await convenor.get(url())).json().items[0].id;
    expectError(await convenor.put(`/api/formats/${id}`, format), 403, { code: 'access.denied' });
    expectError(await otherOfficer.put(`/api/formats/${id}`, format), 404, { code: 'not_found' });
    expectError(await officer.put('/api/formats/99999999', format), 404, { code: 'not_found' });
  });

  it('refuses bad input with the field at fault, and nothing is written', async () => {
    expectError(await officer.post(url(), { ...format, name: '' }), 400, { field: 'name' });
    expectError(await officer.post(url(), { ...format, name: '长'.repeat(31) }), 400, { field: 'name' });
    expectError(await officer.post(url(), { ...format, name: '议事D', description: '字'.repeat(501) }), 400, {
      field: 'description',
    });
    expectError(await officer.post(url(), { ...format, name: '议事E', inviteeGroups: ['neighbours'] }), 400, {
      field: 'inviteeGroups.0',
    });
    expectError(await officer.post(url(), { ...format, name: '议事F', meetingMode: 'telepathy' }), 400, {
      field: 'meetingMode',
    });
    expectError(await officer.post(url(), { ...format, name: '议事G', ballotRule: 'whoever_shouts' }), 400, {
      field: 'ballotRule',
    });
    expectError(await officer.post(url(), { ...format, name: 12 }), 400, { field: 'name' });
    const names = (await officer.get(url())).json().items.map((f: { name: string }) => f.name);
    expect(names.filter((n: string) => n.startsWith('议事'))).toEqual([]);
  });

  it('keeps names unique in a community and built-in formats keep their names', async () => {
    expectError(await officer.post(url(), { ...format, name: '邻里汇' }), 409, { code: 'conflict', field: 'name' });
    const items = (await officer.get(url())).json().items;
    const builtIn = items.find((f: { name: string }) => f.name === '邻里汇');
    expectError(await officer.put(`/api/formats/${builtIn.id}`, { ...format, name: '邻里会' }), 409, {
      code: 'format.built_in_name',
      field: 'name',
    });
    const custom = items.find((f: { isBuiltIn: boolean }) => !f.isBuiltIn);
    expectError(await officer.put(`/api/formats/${custom.id}`, { ...format, name: '听证会' }), 409, {
      code: 'conflict',
      field: 'name',
    });
  });

  it('lets an officer change a built-in format’s defaults, two edits at once leaving one whole', async () => {
    const items = (await officer.get(url())).json().items;
    const builtIn = items.find((f: { name: string }) => f.name === '专题议事会');
    const [a, b] = await Promise.all([
      officer.put(`/api/formats/${builtIn.id}`, { ...format, name: '专题议事会', meetingMode: 'online' }),
      officer.put(`/api/formats/${builtIn.id}`, { ...format, name: '专题议事会', meetingMode: 'hybrid' }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const after = (await officer.get(url())).json().items.find((f: { id: number }) => f.id === builtIn.id);
    expect(['online', 'hybrid']).toContain(after.meetingMode);
    expect(after).toMatchObject({ description: format.description, inviteeGroups: format.inviteeGroups });
  });
});
