import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { poolMembers } from '../../db/schema';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { buildResident, buildStaff, buildTerritory } from '../../test/factories';

type Reply = { statusCode: number; json: () => { error: unknown } };
const expectError = (response: Reply, status: number, error: object) => {
  expect(response.statusCode).toBe(status);
  expect(response.json().error).toMatchObject(error);
};

describe('training routes', () => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  let cityOfficer: TestClient;
  let townOfficer: TestClient;
  let otherTownOfficer: TestClient;
  let convenor: TestClient;
  let trainee: TestClient;
  let neighbour: TestClient;
  let outsider: TestClient;
  let programmeId: number;
  let sessionIds: number[] = [];
  let codes: string[] = [];
  let traineeResidentId: number;
  const now = new Date('2026-12-06T02:00:00Z');
  const at = (offsetMinutes: number) => new Date(now.getTime() + offsetMinutes * 60_000).toISOString();
  const programme = (placeId: number) => ({
    placeId,
    year: 2026,
    title: '2026年社区治理微领袖培训班',
    description: '四期课程',
    requiredMinutes: 180,
    passScore: 60,
  });

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(now);
    const db = t.database.db;
    territory = await buildTerritory(db);
    traineeResidentId = (await buildResident(db, { placeId: territory.unit1.id, name: '王小明', phone: '13812340001' }))
      .id;
    await buildResident(db, { placeId: territory.unit2.id, name: '李阿姨', phone: '13812340002' });
    await buildResident(db, { placeId: territory.otherCommunity.id, name: '赵先生', phone: '13812340003' });
    const city = await buildStaff(db, { role: 'city_officer', placeId: territory.city.id });
    const town = await buildStaff(db, { role: 'town_officer', placeId: territory.town.id });
    const otherTown = await buildStaff(db, { role: 'town_officer', placeId: territory.otherTown.id });
    const staff = await buildStaff(db, { role: 'convenor', placeId: territory.community.id });
    cityOfficer = await t.loginByCode(city.phone);
    townOfficer = await t.loginByCode(town.phone);
    otherTownOfficer = await t.loginByCode(otherTown.phone);
    convenor = await t.loginByCode(staff.phone);
    trainee = await t.loginByCode('13812340001');
    neighbour = await t.loginByCode('13812340002');
    outsider = await t.loginByCode('13812340003');
  });
  afterAll(() => t.close());

  describe('programmes', () => {
    it('a town officer creates a draft programme of the town; residents do not see a draft', async () => {
      const created = await townOfficer.post('/api/training/programmes', programme(territory.town.id));
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({
        status: 'draft',
        requiredMinutes: 180,
        abilities: { 'training.manage': true },
      });
      programmeId = created.json().id;
      expectError(await trainee.get(`/api/training/programmes/${programmeId}`), 404, { code: 'not_found' });
      expect((await trainee.get('/api/training/programmes')).json().items).toEqual([]);
    });

    it('refuses a convenor, an officer of another town, a community as the place and bad input', async () => {
      expectError(await convenor.post('/api/training/programmes', programme(territory.town.id)), 403, {});
      expectError(await otherTownOfficer.post('/api/training/programmes', programme(territory.town.id)), 403, {});
      expectError(await townOfficer.post('/api/training/programmes', programme(territory.community.id)), 400, {
        code: 'training.place_kind',
        field: 'placeId',
      });
      expectError(
        await townOfficer.post('/api/training/programmes', { ...programme(territory.town.id), title: '' }),
        400,
        {
          field: 'title',
        },
      );
      expectError(
        await townOfficer.post('/api/training/programmes', { ...programme(territory.town.id), title: '长'.repeat(81) }),
        400,
        { field: 'title' },
      );
      expectError(
        await townOfficer.post('/api/training/programmes', { ...programme(territory.town.id), passScore: 101 }),
        400,
        { field: 'passScore' },
      );
      expectError(
        await townOfficer.post('/api/training/programmes', { ...programme(territory.town.id), requiredMinutes: '12' }),
        400,
        { field: 'requiredMinutes' },
      );
      expectError(await townOfficer.post('/api/training/programmes', programme(99999)), 400, { field: 'placeId' });
      expectError(await otherTownOfficer.get(`/api/training/programmes/${programmeId}`), 404, {});
    });

    it('adds sessions with sign-in codes shown only to those who run it', async () => {
      for (const [course, offset] of [
        ['议事规则', 0],
        ['群众工作方法', 24 * 60],
      ] as const) {
        const added = await townOfficer.post(`/api/training/programmes/${programmeId}/sessions`, {
          course,
          teacher: '陈老师',
          startsAt: at(offset),
          minutes: 90,
          location: '街道党群服务中心',
        });
        expect(added.statusCode).toBe(201);
      }
      const view = (await townOfficer.get(`/api/training/programmes/${programmeId}`)).json();
      sessionIds = view.sessions.map((s: { id: number }) => s.id);
      codes = view.sessions.map((s: { signInCode: string }) => s.signInCode);
      expect(codes.every((c) => /^[A-HJKMNP-Z2-9]{6}$/.test(c))).toBe(true);
      expectError(
        await townOfficer.post(`/api/training/programmes/${programmeId}/sessions`, {
          course: '无地点',
          startsAt: at(0),
          minutes: 60,
        }),
        400,
        { field: 'location' },
      );
      expectError(
        await townOfficer.post(`/api/training/programmes/${programmeId}/sessions`, {
          course: '无效阵地',
          startsAt: at(0),
          minutes: 60,
          venueId: 99999,
        }),
        400,
        { field: 'venueId' },
      );
      expectError(
        await townOfficer.post(`/api/training/programmes/${programmeId}/sessions`, {
          course: '零分钟',
          startsAt: at(0),
          minutes: 0,
          location: '某处',
        }),
        400,
        { field: 'minutes' },
      );
    });

    it('refuses enrolment and sign-in before the programme opens', async () => {
      expectError(await trainee.post('/api/training/sign-in', { code: codes[0] }), 404, {});
    });

    it('opens once: two opens at once, one wins and one is 409', async () => {
      const [a, b] = await Promise.all([
        townOfficer.post(`/api/training/programmes/${programmeId}/open`),
        townOfficer.post(`/api/training/programmes/${programmeId}/open`),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      const seen = (await trainee.get(`/api/training/programmes/${programmeId}`)).json();
      expect(seen).toMatchObject({ status: 'open', canEnrol: true, participants: [] });
      expect(seen.sessions[0].signInCode).toBeNull();
      expectError(await outsider.get(`/api/training/programmes/${programmeId}`), 404, {});
    });
  });

  describe('enrolment and sign-in', () => {
    it('signs a resident in by code (enrolling them), twice at once is one row', async () => {
      const [a, b] = await Promise.all([
        trainee.post('/api/training/sign-in', { code: codes[0] }),
        trainee.post('/api/training/sign-in', { code: codes[0]!.toLowerCase() }),
      ]);
      expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
      expect([a.json().alreadySignedIn, b.json().alreadySignedIn].sort()).toEqual([false, true]);
      expect(a.json()).toMatchObject({ programmeId, attendedMinutes: 90, requiredMinutes: 180 });
      const view = (await townOfficer.get(`/api/training/programmes/${programmeId}`)).json();
      expect(view.participants).toHaveLength(1);
      expect(view.participants[0]).toMatchObject({
        name: '王小明',
        communityName: '河滨社区',
        attendedMinutes: 90,
        problem: 'hours_short',
      });
      expect(view.sessions[0].attendeeCount).toBe(1);
    });

    it('refuses a wrong code, a session outside its window, and someone from another town', async () => {
      expectError(await trainee.post('/api/training/sign-in', { code: 'ZZZZZZ' }), 400, {
        code: 'training.wrong_code',
        field: 'code',
      });
      expectError(await trainee.post('/api/training/sign-in', { code: codes[1] }), 409, {
        code: 'training.outside_window',
      });
      expectError(await trainee.post('/api/training/sign-in', { code: '' }), 400, { field: 'code' });
      expectError(await outsider.post('/api/training/sign-in', { code: codes[0] }), 404, {});
    });

    it('a resident enrols themself once; staff enrol by phone', async () => {
      const enrolled = await neighbour.post(`/api/training/programmes/${programmeId}/enrol`);
      expect(enrolled.statusCode).toBe(200);
      expect(enrolled.json()).toMatchObject({ myStatus: 'enrolled', canEnrol: false });
      expectError(await neighbour.post(`/api/training/programmes/${programmeId}/enrol`), 409, {
        code: 'training.already_enrolled',
      });
      expectError(
        await townOfficer.post(`/api/training/programmes/${programmeId}/participants`, { phone: '13812340002' }),
        409,
        { code: 'training.already_enrolled' },
      );
      expectError(
        await townOfficer.post(`/api/training/programmes/${programmeId}/participants`, { phone: '13800000000' }),
        400,
        { code: 'training.account_unknown', field: 'phone' },
      );
      expectError(
        await townOfficer.post(`/api/training/programmes/${programmeId}/participants`, { phone: '12' }),
        400,
        { field: 'phone' },
      );
      expectError(
        await townOfficer.post(`/api/training/programmes/${programmeId}/participants`, { phone: '13812340003' }),
        400,
        { code: 'training.outside_place' },
      );
      expectError(
        await neighbour.post(`/api/training/programmes/${programmeId}/participants`, { phone: '13812340001' }),
        403,
        {},
      );
    });
  });

  describe('assessment and completion', () => {
    const participantOf = async (name: string) =>
      (await townOfficer.get(`/api/training/programmes/${programmeId}`))
        .json()
        .participants.find((p: { name: string }) => p.name === name) as { id: number; problem: string | null };

    it('refuses completion while hours are short, naming the condition', async () => {
      const p = await participantOf('王小明');
      expect((await townOfficer.put(`/api/training/participants/${p.id}/score`, { score: 85 })).statusCode).toBe(200);
      const refused = await townOfficer.post(`/api/training/participants/${p.id}/complete`);
      expectError(refused, 409, { code: 'training.hours_short' });
      expect(refused.json().error.message).toContain('90');
    });

    it('staff mark attendance at the second session; then completion makes a micro-leader in the pool', async () => {
      const p = await participantOf('王小明');
      expectError(
        await convenor.post(`/api/training/sessions/${sessionIds[1]}/attendance`, { participantId: p.id }),
        403,
        {},
      );
      const marked = await townOfficer.post(`/api/training/sessions/${sessionIds[1]}/attendance`, {
        participantId: p.id,
      });
      expect(marked.statusCode).toBe(200);
      expect((await participantOf('王小明')).problem).toBeNull();
      const [a, b] = await Promise.all([
        townOfficer.post(`/api/training/participants/${p.id}/complete`),
        townOfficer.post(`/api/training/participants/${p.id}/complete`),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
      const pool = await t.database.db.select().from(poolMembers).where(eq(poolMembers.residentId, traineeResidentId));
      expect(pool).toHaveLength(1);
      expect(pool[0]).toMatchObject({ placeId: territory.community.id, tags: ['微领袖'], isActive: true });
      const record = (await trainee.get('/api/account/training')).json();
      expect(record.programmes[0]).toMatchObject({ status: 'completed', attendedMinutes: 180, score: 85 });
      expect(record.programmes[0].sessions).toHaveLength(2);
      expect(record.microLeader).toMatchObject({ since: '2026-12-06', tags: ['微领袖'], communityName: '河滨社区' });
    });

    it('refuses a score out of range, a score after completion, and an unknown participant', async () => {
      const p = await participantOf('王小明');
      expectError(await townOfficer.put(`/api/training/participants/${p.id}/score`, { score: 101 }), 400, {
        field: 'score',
      });
      expectError(await townOfficer.put(`/api/training/participants/${p.id}/score`, { score: 90 }), 409, {
        code: 'training.wrong_state',
      });
      expectError(await townOfficer.put('/api/training/participants/99999/score', { score: 90 }), 404, {});
      expectError(await trainee.post(`/api/training/participants/${p.id}/complete`), 403, {});
    });

    it('fails a participant who did not meet the terms; fail twice is 409', async () => {
      const p = await participantOf('李阿姨');
      expect((await townOfficer.post(`/api/training/participants/${p.id}/fail`)).json().participants[1].status).toBe(
        'not_completed',
      );
      expectError(await townOfficer.post(`/api/training/participants/${p.id}/fail`), 409, {});
    });

    it('closes the programme; no new sessions or sign-ups after', async () => {
      expect((await cityOfficer.post(`/api/training/programmes/${programmeId}/close`)).statusCode).toBe(200);
      expectError(
        await townOfficer.post(`/api/training/programmes/${programmeId}/sessions`, {
          course: '迟到',
          startsAt: at(0),
          minutes: 30,
          location: '某处',
        }),
        409,
        { code: 'training.wrong_state' },
      );
      expectError(await townOfficer.post(`/api/training/programmes/${programmeId}/close`), 409, {});
    });
  });

  describe('the micro-leader pool', () => {
    it('lists micro-leaders of a place for staff, by year and tag; phones masked beyond their community', async () => {
      const listed = (await convenor.get(`/api/micro-leaders?placeId=${territory.community.id}&year=2026`)).json();
      expect(listed).toMatchObject({ total: 1, tags: [{ tag: '微领袖', count: 1 }] });
      expect(listed.items[0]).toMatchObject({
        name: '王小明',
        phone: '13812340001',
        communityName: '河滨社区',
        attendedMinutes: 180,
        programmeTitle: '2026年社区治理微领袖培训班',
        abilities: { 'microLeader.manage': true },
      });
      expect((await cityOfficer.get(`/api/micro-leaders?placeId=${territory.city.id}&year=2025`)).json().total).toBe(0);
      expect((await cityOfficer.get(`/api/micro-leaders?placeId=${territory.city.id}&tag=党员`)).json().total).toBe(0);
      expect((await otherTownOfficer.get(`/api/micro-leaders?placeId=${territory.otherTown.id}`)).json().total).toBe(0);
      expectError(await otherTownOfficer.get(`/api/micro-leaders?placeId=${territory.town.id}`), 403, {});
      expectError(await trainee.get(`/api/micro-leaders?placeId=${territory.community.id}`), 403, {});
      expectError(await convenor.get(`/api/micro-leaders?placeId=abc`), 400, { field: 'placeId' });
      expectError(await convenor.get(`/api/micro-leaders?placeId=99999`), 404, {});
    });

    it('edits tags (微领袖 stays) and withdraws with a reason', async () => {
      const id = (await convenor.get(`/api/micro-leaders?placeId=${territory.community.id}`)).json().items[0].id;
      const retagged = await convenor.put(`/api/micro-leaders/${id}/tags`, { tags: ['党员', '楼栋长'] });
      expect(retagged.statusCode).toBe(200);
      expect(retagged.json()).toEqual({ id, tags: ['微领袖', '党员', '楼栋长'], status: 'active' });
      const tagged = (await convenor.get(`/api/micro-leaders?placeId=${territory.community.id}&tag=党员`)).json();
      expect(tagged.items[0].tags).toEqual(['微领袖', '党员', '楼栋长']);
      expectError(await convenor.put(`/api/micro-leaders/${id}/tags`, { tags: [''] }), 400, {});
      expectError(await otherTownOfficer.put(`/api/micro-leaders/${id}/tags`, { tags: ['党员'] }), 404, {});
      expectError(await convenor.post(`/api/micro-leaders/${id}/withdraw`, { reason: '' }), 400, { field: 'reason' });
      const withdrawing = await convenor.post(`/api/micro-leaders/${id}/withdraw`, { reason: '搬离社区' });
      expect(withdrawing.statusCode).toBe(200);
      expect(withdrawing.json()).toMatchObject({ id, status: 'withdrawn' });
      expectError(await convenor.post(`/api/micro-leaders/${id}/withdraw`, { reason: '搬离社区' }), 409, {});
      expect((await convenor.get(`/api/micro-leaders?placeId=${territory.community.id}`)).json().total).toBe(0);
      const withdrawn = (
        await convenor.get(`/api/micro-leaders?placeId=${territory.community.id}&status=withdrawn`)
      ).json();
      expect(withdrawn.items[0]).toMatchObject({ withdrawnReason: '搬离社区' });
    });
  });
});
