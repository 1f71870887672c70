import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, councils, notices, signIns } from '../../db/schema';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { buildResident, buildStaff, buildTerritory } from '../../test/factories';
import { buildMatter } from '../../test/matter-factories';
import { buildPng } from '../../test/images';
import { multipartForm } from '../../test/multipart-form';
import { figuresFor, refreshFacts } from '../statistics';
import { venuesMeetingFiveHaves } from '.';

type Reply = { statusCode: number; json: () => { error: unknown } };
const expectError = (response: Reply, status: number, error: object) => {
  expect(response.statusCode).toBe(status);
  expect(response.json().error).toMatchObject(error);
};

describe('venue routes', () => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  let anonymous: TestClient;
  let resident: TestClient;
  let convenor: TestClient;
  let gridWorker: TestClient;
  let townOfficer: TestClient;
  let otherConvenor: TestClient;
  let venueId: number;
  let councilId: number;
  let foreignCouncilId: number;
  let matterId: number;
  let publicMatterId: number;
  let meetingId: number;
  const venuesUrl = () => `/api/places/${territory.community.id}/venues`;
  const venue = {
    kind: 'hall',
    name: '河滨社区议事厅',
    address: '党群服务中心二楼',
    capacity: 40,
    openingHours: '工作日 9:00–17:00',
    accessibility: ['step_free', 'hearing_loop'],
  };
  const meeting = (startsAt: string, endsAt?: string) => ({
    mode: 'on_site',
    venueId,
    startsAt,
    ...(endsAt ? { endsAt } : {}),
    agenda: '加装电梯方案',
  });

  beforeAll(async () => {
    t = await buildTestApp();
    t.clock.set(new Date('2026-12-01T02:00:00Z'));
    const db = t.database.db;
    territory = await buildTerritory(db);
    await buildResident(db, { placeId: territory.unit2.id, name: '张阿姨', phone: '13812345678' });
    const staff = await buildStaff(db, { role: 'convenor', placeId: territory.community.id });
    const grid = await buildStaff(db, { role: 'grid_worker', placeId: territory.community.id });
    const town = await buildStaff(db, { role: 'town_officer', placeId: territory.town.id });
    const other = await buildStaff(db, { role: 'convenor', placeId: territory.otherCommunity.id });
    anonymous = t.anonymous();
    resident = await t.loginByCode('13812345678');
    convenor = await t.loginByCode(staff.phone);
    gridWorker = await t.loginByCode(grid.phone);
    townOfficer = await t.loginByCode(town.phone);
    otherConvenor = await t.loginByCode(other.phone);
    const term = { termStart: '2025-01-01', termEnd: '2027-12-31', kind: 'residents_council' as const };
    [{ id: councilId }, { id: foreignCouncilId }] = (await db
      .insert(councils)
      .values([
        { ...term, name: '河滨社区居民议事会', placeId: territory.community.id, placePath: territory.community.path },
        { ...term, name: '濮院议事会', placeId: territory.otherCommunity.id, placePath: territory.otherCommunity.path },
      ])
      .returning({ id: councils.id })) as [{ id: number }, { id: number }];
    matterId = (
      await buildMatter(db, { placeId: territory.building.id, proposerAccountId: staff.id, status: 'deliberating' })
    ).id;
    publicMatterId = (
      await buildMatter(db, {
        placeId: territory.building.id,
        proposerAccountId: staff.id,
        status: 'deliberating',
        visibility: 'public',
        title: '张阿姨提议加装电梯',
      })
    ).id;
  });
  afterAll(async () => t.close());

  describe('POST /api/places/:id/venues', () => {
    it('requires a login and a manager of the place', async () => {
      expectError(await anonymous.post(venuesUrl(), venue), 401, { code: 'auth.required' });
      expectError(await gridWorker.post(venuesUrl(), venue), 403, { code: 'access.denied_place' });
      expectError(await otherConvenor.post(venuesUrl(), venue), 403, { code: 'access.denied_place' });
    });

    it('rejects bad bodies with the field at fault', async () => {
      const cases: [object, object][] = [
        [
          { ...venue, name: ' ' },
          { code: 'validation.required', field: 'name' },
        ],
        [
          { ...venue, name: '厅'.repeat(51) },
          { code: 'validation.too_long', field: 'name' },
        ],
        [{ ...venue, address: '' }, { field: 'address' }],
        [{ ...venue, capacity: '40' }, { field: 'capacity' }],
        [{ ...venue, capacity: 0 }, { field: 'capacity' }],
        [{ ...venue, kind: 'palace' }, { field: 'kind' }],
        [{ ...venue, accessibility: ['lift'] }, { field: 'accessibility.0' }],
        [
          { ...venue, councilId, organisationId: 1 },
          { code: 'venue.one_organisation', field: 'organisationId' },
        ],
        [
          { ...venue, councilId: foreignCouncilId },
          { code: 'not_found', field: 'councilId' },
        ],
      ];
      for (const [body, error] of cases) expectError(await convenor.post(venuesUrl(), body), 400, error);
      expectError(await convenor.post(`/api/places/${territory.unit1.id}/venues`, venue), 400, {
        code: 'venue.place_kind',
      });
    });

    it('registers a venue with every have missing, once per name', async () => {
      const response = await convenor.post(venuesUrl(), venue);
      expect(response.statusCode).toBe(201);
      const body = response.json();
      venueId = body.id;
      expect(body).toMatchObject({ ...venue, status: 'draft', organisation: null, placeName: '河滨社区' });
      expect(body.missing).toEqual(['signage', 'organisation', 'rules', 'activities', 'notices']);
      expectError(await convenor.post(venuesUrl(), venue), 409, { code: 'venue.duplicate_name', field: 'name' });
    });
  });

  describe('GET /api/places/:id/venues and /api/venues/:id', () => {
    it('lets residents of the community read without managing', async () => {
      const list = (await resident.get(venuesUrl())).json();
      expect(list.items.map((v: { id: number }) => v.id)).toEqual([venueId]);
      expect(list.abilities).toEqual({ 'venue.manage': false, 'venue.review': false });
      expect((await convenor.get(venuesUrl())).json().abilities).toEqual({
        'venue.manage': true,
        'venue.review': false,
      });
      expect((await townOfficer.get(`/api/venues/${venueId}`)).json().abilities).toEqual({
        'venue.manage': true,
        'venue.review': true,
      });
    });

    it("answers another community's venue and an unknown id with 404", async () => {
      expectError(await otherConvenor.get(`/api/venues/${venueId}`), 404, { code: 'not_found' });
      expectError(await convenor.get('/api/venues/987654'), 404, { code: 'not_found' });
      expectError(await convenor.get('/api/venues/abc'), 400, { field: 'id' });
      expectError(await anonymous.get(`/api/venues/${venueId}`), 401, { code: 'auth.required' });
    });
  });

  describe('evidence: organisation, signage, rules', () => {
    it('sets the organisation by editing; refuses a resident and another community', async () => {
      expectError(await resident.put(`/api/venues/${venueId}`, { ...venue, councilId }), 403, {
        code: 'access.denied',
      });
      expectError(await otherConvenor.put(`/api/venues/${venueId}`, { ...venue, councilId }), 404, {
        code: 'not_found',
      });
      const body = (await convenor.put(`/api/venues/${venueId}`, { ...venue, councilId })).json();
      expect(body.organisation).toEqual({ kind: 'council', id: councilId, name: '河滨社区居民议事会' });
      expect(body.missing).toEqual(['signage', 'rules', 'activities', 'notices']);
    });

    it('takes a signage photo as evidence and serves it publicly', async () => {
      const upload = (purpose: string, photos: { name: string; bytes: Buffer }[]) =>
        convenor.request({
          method: 'POST',
          url: `/api/venues/${venueId}/photos`,
          ...multipartForm({ purpose }, photos),
        });
      const png = await buildPng();
      expectError(await upload('poster', [{ name: 's.png', bytes: png }]), 400, { field: 'purpose' });
      expectError(await upload('signage', []), 400, { code: 'venue.photo_missing' });
      expectError(await upload('signage', [{ name: 's.png', bytes: Buffer.from('not an image') }]), 400, {
        field: 'photos',
      });
      const response = await upload('signage', [{ name: '标识.png', bytes: png }]);
      expect(response.statusCode).toBe(201);
      expect(response.json().missing).toEqual(['rules', 'activities', 'notices']);
      const [photo] = response.json().photos;
      const file = await anonymous.get(`/api/public/venue-files/${photo.id}`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('image/png');
      expectError(await anonymous.get('/api/public/venue-files/987654'), 404, { code: 'not_found' });
    });

    it('counts rules only once a version is effective', async () => {
      const url = `/api/venues/${venueId}/rules`;
      expectError(await convenor.post(url, { title: '', body: '规则', effectiveFrom: '2026-01-01' }), 400, {
        field: 'title',
      });
      expectError(await convenor.post(url, { title: '规则', body: '规则', effectiveFrom: '2026-02-30' }), 400, {
        code: 'validation.date',
      });
      const upcoming = await convenor.post(url, {
        title: '议事厅规则（修订）',
        body: '…',
        effectiveFrom: '2027-01-01',
      });
      expect(upcoming.statusCode).toBe(201);
      expect((await convenor.get(`/api/venues/${venueId}`)).json().venue.missing).toContain('rules');
      await convenor.post(url, {
        title: '河滨议事厅议事规则',
        body: '一、议题由居民提出……',
        effectiveFrom: '2026-01-01',
      });
      const detail = (await convenor.get(`/api/venues/${venueId}`)).json().venue;
      expect(detail.fiveHaves[2]).toMatchObject({ have: 'rules', isMet: true, label: '河滨议事厅议事规则' });
      const rules = (await anonymous.get(`/api/public/rules/venue/${venueId}`)).json();
      expect(
        rules.versions.map((v: { title: string; isCurrent: boolean; isUpcoming: boolean }) => [
          v.title,
          v.isCurrent,
          v.isUpcoming,
        ]),
      ).toEqual([
        ['议事厅规则（修订）', false, true],
        ['河滨议事厅议事规则', true, false],
      ]);
    });
  });

  describe('bookings', () => {
    const url = () => `/api/matters/${matterId}/meetings`;

    it('offers the venues of the matter community to its meeting form', async () => {
      const body = (await convenor.get(`/api/matters/${matterId}/venues`)).json();
      expect(body.items).toEqual([{ id: venueId, name: '河滨社区议事厅', placeName: '河滨社区', capacity: 40 }]);
      expectError(await otherConvenor.get(`/api/matters/${matterId}/venues`), 404, { code: 'not_found' });
    });

    it('books the venue for a meeting, two hours without an end, and names it as the place', async () => {
      const response = await convenor.post(url(), meeting('2026-12-02T19:00:00+08:00'));
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({ venueId, venue: '河滨社区议事厅' });
      meetingId = response.json().id;
      expect((await convenor.get(`/api/meetings/${meetingId}`)).json().venueId).toBe(venueId);
    });

    it('refuses an overlapping booking with the other time, and allows one back to back', async () => {
      expectError(await convenor.post(url(), meeting('2026-12-02T20:30:00+08:00')), 409, {
        code: 'venue.booked',
        field: 'venueId',
        message: '该阵地在此时段已被预约（2026-12-02 19:00 至 2026-12-02 21:00），请换个时间或地点',
      });
      const back = await convenor.post(url(), meeting('2026-12-02T21:00:00+08:00', '2026-12-02T22:00:00+08:00'));
      expect(back.statusCode).toBe(201);
    });

    it('refuses a venue outside the matter community and a venue for an online meeting', async () => {
      const [{ id: foreignVenue }] = (
        await otherConvenor.post(`/api/places/${territory.otherCommunity.id}/venues`, venue)
      ).json()
        ? [(await otherConvenor.get(`/api/places/${territory.otherCommunity.id}/venues`)).json().items[0]]
        : [];
      expectError(await convenor.post(url(), { ...meeting('2026-12-10T19:00:00+08:00'), venueId: foreignVenue }), 400, {
        code: 'not_found',
        field: 'venueId',
      });
      expectError(
        await convenor.post(url(), {
          ...meeting('2026-12-10T19:00:00+08:00'),
          mode: 'online',
          onlineLink: 'https://m.example.cn/1',
        }),
        400,
        { field: 'venueId' },
      );
    });

    it('lets only one of two bookings at once succeed', async () => {
      const [a, b] = await Promise.all([
        convenor.post(url(), meeting('2026-12-05T09:00:00+08:00')),
        convenor.post(`/api/venues/${venueId}/bookings`, {
          title: '老年协会活动',
          startsAt: '2026-12-05T10:00:00+08:00',
          endsAt: '2026-12-05T11:00:00+08:00',
        }),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    });

    it('books for a staff activity, refusing a bad period and a resident', async () => {
      const url = `/api/venues/${venueId}/bookings`;
      const body = { title: '党员活动日', startsAt: '2026-12-06T14:00:00+08:00', endsAt: '2026-12-06T16:00:00+08:00' };
      expectError(await convenor.post(url, { ...body, endsAt: body.startsAt }), 400, {
        code: 'venue.booking_order',
        field: 'endsAt',
      });
      expectError(await convenor.post(url, { ...body, title: '' }), 400, { field: 'title' });
      expectError(await resident.post(url, body), 403, { code: 'access.denied' });
      expect((await convenor.post(url, body)).statusCode).toBe(201);
      expectError(await convenor.post(url, body), 409, { code: 'venue.booked', field: 'startsAt' });
    });
  });

  describe('derived haves: activities and notices', () => {
    it('counts a meeting at the venue once someone signed in, as the statistics count consultations', async () => {
      expect((await convenor.get(`/api/venues/${venueId}`)).json().venue.missing).toContain('activities');
      const db = t.database.db;
      const [account] = await db.select().from(accounts).limit(1);
      await db.insert(signIns).values({ meetingId, accountId: account!.id, method: 'code' });
      // Held once it has started: the day after, it counts.
      expect((await convenor.get(`/api/venues/${venueId}`)).json().venue.missing).toContain('activities');
      t.clock.set(new Date('2026-12-03T02:00:00Z'));
      const detail = (await convenor.get(`/api/venues/${venueId}`)).json().venue;
      expect(detail.fiveHaves[3]).toMatchObject({ have: 'activities', isMet: true, count: 1 });
      await refreshFacts(db);
      const figures = await figuresFor(db, { placeId: territory.community.id, from: '2025-12-03', to: '2026-12-04' });
      expect(figures.consultations.value).toBe(detail.fiveHaves[3].count);
    });

    it('counts a notice on the community board in the last thirty days', async () => {
      const db = t.database.db;
      const [account] = await db.select().from(accounts).limit(1);
      await db.insert(notices).values({
        matterId: publicMatterId,
        kind: 'topic',
        title: '议题公示',
        body: '……',
        startsOn: '2026-11-25',
        endsOn: '2026-12-05',
        createdBy: account!.id,
      });
      const detail = (await convenor.get(`/api/venues/${venueId}`)).json().venue;
      expect(detail.missing).toEqual([]);
    });
  });

  describe('the town review', () => {
    it('lets staff submit and only the town approve or return', async () => {
      expectError(await townOfficer.post(`/api/venues/${venueId}/approve`), 409, { code: 'venue.wrong_state' });
      expect((await convenor.post(`/api/venues/${venueId}/submit`)).json().status).toBe('submitted');
      expectError(await convenor.post(`/api/venues/${venueId}/submit`), 409, { code: 'venue.wrong_state' });
      expectError(await convenor.post(`/api/venues/${venueId}/approve`), 403, { code: 'access.denied' });
      expectError(await townOfficer.post(`/api/venues/${venueId}/return`, { reason: ' ' }), 400, { field: 'reason' });
      const returned = (await townOfficer.post(`/api/venues/${venueId}/return`, { reason: '标识照片不清晰' })).json();
      expect(returned).toMatchObject({ status: 'returned', returnReason: '标识照片不清晰' });
      await convenor.post(`/api/venues/${venueId}/submit`);
      const approved = (await townOfficer.post(`/api/venues/${venueId}/approve`)).json();
      expect(approved).toMatchObject({ status: 'approved', returnReason: null });
      expect(await venuesMeetingFiveHaves(t.database.db, territory.community.path)).toBe(1);
    });

    it('refuses to approve a venue missing a have', async () => {
      const other = (await convenor.post(venuesUrl(), { ...venue, name: '桂花树下', kind: 'outdoor' })).json();
      await convenor.post(`/api/venues/${other.id}/submit`);
      expectError(await townOfficer.post(`/api/venues/${other.id}/approve`), 409, { code: 'venue.five_haves_missing' });
    });

    it('sends an approved venue back to draft when it changes', async () => {
      const edited = (await convenor.put(`/api/venues/${venueId}`, { ...venue, councilId, capacity: 50 })).json();
      expect(edited.status).toBe('draft');
      expect(await venuesMeetingFiveHaves(t.database.db, territory.community.path)).toBe(0);
    });
  });

  describe('GET /api/public/venues/:id', () => {
    it('shows the venue and its upcoming meetings to anyone, without personal data', async () => {
      await convenor.post(`/api/matters/${publicMatterId}/meetings`, {
        ...meeting('2026-12-08T19:00:00+08:00'),
      });
      const response = await anonymous.get(`/api/public/venues/${venueId}`);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({ name: '河滨社区议事厅', kind: 'hall', organisationName: '河滨社区居民议事会' });
      expect(body.fiveHaves.every((h: { isMet: boolean }) => h.isMet)).toBe(true);
      const text = JSON.stringify(body);
      expect(text).not.toContain('张阿姨');
      expect(text).not.toContain('老年协会活动');
      const publicMeeting = body.upcoming.find((u: { startsAt: string }) => u.startsAt === '2026-12-08T11:00:00.000Z');
      expect(publicMeeting.title).toContain('提议加装电梯');
      expect(publicMeeting.matterId).toBeNull();
      expectError(await anonymous.get('/api/public/venues/987654'), 404, { code: 'not_found' });
    });
  });
});
