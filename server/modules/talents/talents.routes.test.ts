import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  afterDeliberationWorld,
  expectError,
  type AfterDeliberationWorld,
} from '../../test/after-deliberation.fixtures';
import type { TestClient } from '../../test/build-test-app';
import { buildStaff } from '../../test/factories';
import { buildMatter } from '../../test/matter-factories';
import { talentSelectionBody, trainPeople } from '../../test/talents.fixtures';

describe('leading-talent selection: selections, nominations, consent, eligibility, notice, naming', () => {
  let w: AfterDeliberationWorld;
  let city: TestClient;
  let secondReviewer: TestClient;
  let town: TestClient;
  let selectionId: number;
  let zhangId: number;
  let liId: number;
  let gridId: number;
  const sel = (step = '') => `/api/talent-selections/${selectionId}${step}`;
  const nom = (id: number, step = '') => `/api/talent-nominations/${id}${step}`;

  beforeAll(async () => {
    w = await afterDeliberationWorld();
    w.t.clock.set('2026-06-01T02:00:00Z');
    const staff = async (role: 'city_officer' | 'town_officer', placeId: number) =>
      w.t.loginByCode((await buildStaff(w.db, { role, placeId })).phone);
    city = await staff('city_officer', w.territory.city.id);
    secondReviewer = await staff('city_officer', w.territory.city.id);
    town = await staff('town_officer', w.territory.town.id);
    // 张阿姨 and the grid worker: 12 h trained, one matter each convened to deliberation; 李师傅 neither.
    await trainPeople(w.db, w.territory.city, w.staff.convenor.id, [w.residentAccountId, w.staff.grid.id], 720);
    for (const convenorAccountId of [w.residentAccountId, w.staff.grid.id])
      await buildMatter(w.db, {
        placeId: w.territory.building.id,
        proposerAccountId: w.neighbourAccountId,
        status: 'deliberating',
        convenorAccountId,
      });
    // A matter still being announced does not count.
    await buildMatter(w.db, {
      placeId: w.territory.building.id,
      proposerAccountId: w.neighbourAccountId,
      status: 'announced',
      convenorAccountId: w.neighbourAccountId,
    });
  });
  afterAll(() => w.t.close());

  it('lets city officers create a selection, and refuses others and bad terms', async () => {
    const body = talentSelectionBody(w.territory.city.id, { quota: 1 });
    expectError(await w.clients.convenor.post('/api/talent-selections', body), 403, { code: 'access.denied_place' });
    expectError(
      await city.post('/api/talent-selections', { ...body, criteria: [{ key: 'a', label: 'A', weight: 90 }] }),
      400,
      {
        code: 'talents.criteria',
        field: 'criteria',
      },
    );
    expectError(await city.post('/api/talent-selections', { ...body, title: '' }), 400, { field: 'title' });
    expectError(await city.post('/api/talent-selections', { ...body, quota: 'two' }), 400, { field: 'quota' });
    expectError(await city.post('/api/talent-selections', { ...body, title: '长'.repeat(81) }), 400, {
      field: 'title',
    });
    expectError(await city.post('/api/talent-selections', { ...body, placeId: w.territory.town.id }), 400, {
      code: 'talents.not_a_city',
    });
    const created = await city.post('/api/talent-selections', body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ status: 'draft', minTrainedMinutes: 720, quota: 1 });
    selectionId = created.json().id;
    expectError(await city.post('/api/talent-selections', body), 409, {
      code: 'talents.duplicate_year',
      field: 'year',
    });
  });

  it('opens nominations once when two ask at once', async () => {
    const [a, b] = await Promise.all([city.post(sel('/open')), secondReviewer.post(sel('/open'))]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expectError(await city.post('/api/talent-selections/999999/open'), 404, { code: 'not_found' });
    const list = await w.clients.convenor.get('/api/talent-selections');
    expect(list.json().items[0].abilities).toEqual({
      'talentSelection.manage': false,
      'talentNomination.nominate': true,
    });
  });

  it('takes nominations by a community, by the person themself, and one per person', async () => {
    const byConvenor = await w.clients.convenor.post(sel('/nominations'), {
      phone: '13812345678',
      statement: '牵头协调加装电梯，组织楼道议事。',
    });
    expect(byConvenor.statusCode, byConvenor.body).toBe(201);
    expect(byConvenor.json()).toMatchObject({
      nominatorKind: 'community',
      isConsented: false,
      placeName: '河滨社区',
      record: { trainedMinutes: 720, mattersConvened: 1, projectsRun: 0 },
      isEligible: true,
    });
    zhangId = byConvenor.json().id;
    const [again, twice] = await Promise.all([
      town.post(sel('/nominations'), { phone: '13812345678', statement: '再次提名' }),
      w.clients.neighbour.post(sel('/nominations'), { statement: '自荐' }),
    ]);
    expectError(again, 409, { code: 'talents.already_nominated', field: 'phone' });
    expect(twice.statusCode, twice.body).toBe(201);
    expect(twice.json()).toMatchObject({ nominatorKind: 'self', isConsented: true, isEligible: false });
    liId = twice.json().id;
    const grid = await w.clients.grid.post(sel('/nominations'), { statement: '网格工作十年。' });
    gridId = grid.json().id;
  });

  it('refuses nominations of people outside the nominator’s place, unknown phones and empty statements', async () => {
    expectError(await w.clients.other.post(sel('/nominations'), { phone: '13812345679', statement: '好' }), 400, {
      code: 'talents.nominee_outside',
      field: 'phone',
    });
    expectError(await w.clients.convenor.post(sel('/nominations'), { phone: '13800000000', statement: '好' }), 400, {
      field: 'phone',
    });
    expectError(await w.clients.convenor.post(sel('/nominations'), { phone: '123', statement: '好' }), 400, {
      field: 'phone',
    });
    expectError(await w.clients.convenor.post(sel('/nominations'), { phone: '13812345679', statement: ' ' }), 400, {
      field: 'statement',
    });
  });

  it('lets only the nominee consent, once', async () => {
    expectError(await w.clients.convenor.post(nom(zhangId, '/consent')), 403, { code: 'talents.not_nominee' });
    expectError(await w.clients.neighbour.post(nom(zhangId, '/consent')), 404, { code: 'not_found' });
    const mine = await w.clients.resident.get('/api/talent-nominations/mine');
    expect(mine.json().items).toHaveLength(1);
    expect(mine.json().items[0].abilities).toMatchObject({ consent: true, admit: false, certificate: false });
  });

  it('admits on the record, refuses admitting a record short of a threshold, and wants a reason to rule out a good one', async () => {
    expectError(await w.clients.convenor.post(nom(liId, '/admit')), 403, { code: 'access.denied' });
    expectError(await city.post(nom(liId, '/admit')), 409, { code: 'talents.not_eligible' });
    const li = await city.get(nom(liId));
    expect(li.json().eligibility).toEqual([
      { fact: 'trainedMinutes', value: 0, minimum: 720, isMet: false },
      { fact: 'mattersConvened', value: 0, minimum: 1, isMet: false },
      { fact: 'projectsRun', value: 0, minimum: 0, isMet: true },
    ]);
    const ruledOut = await city.post(nom(liId, '/rule-out'), {});
    expect(ruledOut.json()).toMatchObject({ status: 'ineligible', isFrozen: true });
    expectError(await city.post(nom(zhangId, '/rule-out'), { reason: '' }), 400, {
      code: 'talents.reason_required',
      field: 'reason',
    });
    const [a, b] = await Promise.all([city.post(nom(zhangId, '/admit')), secondReviewer.post(nom(zhangId, '/admit'))]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((await city.post(nom(gridId, '/admit'))).json()).toMatchObject({ status: 'eligible', isFrozen: true });
  });

  it('takes every criterion’s score from each reviewer and totals the weighted means', async () => {
    const review = (c: TestClient, scores: object) => c.put(nom(zhangId, '/review'), { scores });
    expectError(await review(city, { work: 90 }), 400, { code: 'talents.missing_score', field: 'scores.influence' });
    expectError(await review(city, { work: 90, influence: 80, nope: 1 }), 400, { field: 'scores.nope' });
    expectError(await review(city, { work: 101, influence: 80 }), 400, { field: 'scores.work' });
    expectError(await review(town, { work: 90, influence: 80 }), 403, { code: 'access.denied' });
    expect((await review(city, { work: 90, influence: 80 })).json().total).toBe(86);
    expect((await review(secondReviewer, { work: 80, influence: 70 })).json().total).toBe(81);
    await w.clients.grid.get('/api/talent-nominations/mine');
    await city.put(nom(gridId, '/review'), { scores: { work: 70, influence: 70 } });
  });

  it('puts on notice only a consented nomination, and no more than the quota', async () => {
    expectError(await city.post(nom(zhangId, '/notice')), 409, { code: 'talents.needs_consent' });
    const consented = await w.clients.resident.post(nom(zhangId, '/consent'));
    expect(consented.json()).toMatchObject({ isConsented: true, abilities: { consent: false } });
    expectError(await w.clients.resident.post(nom(zhangId, '/consent')), 409, { code: 'talents.already_consented' });
    const noticed = await city.post(nom(zhangId, '/notice'));
    expect(noticed.json()).toMatchObject({ status: 'noticed', noticeFrom: '2026-06-01', noticeTo: '2026-06-05' });
    expectError(await city.post(nom(gridId, '/notice')), 409, { code: 'talents.quota_full' });
  });

  it('shows the notice to anyone, takes objections while it runs and names after it with every objection answered', async () => {
    const notice = await w.clients.anonymous.get('/api/public/talents');
    expect(notice.json()).toMatchObject({
      year: 2026,
      items: [{ nominationId: zhangId, name: '张阿姨', isObjectionOpen: true }],
    });
    expect(notice.json().items).toHaveLength(1);
    expectError(await w.clients.anonymous.post(nom(zhangId, '/objections'), { body: '不实' }), 401, {});
    expectError(await w.clients.other.post(nom(liId, '/objections'), { body: '不实' }), 404, {});
    const objection = await w.clients.neighbour.post(nom(zhangId, '/objections'), { body: '电梯协调并非她牵头。' });
    expect(objection.statusCode).toBe(201);
    expectError(await city.post(nom(zhangId, '/confirm')), 409, { code: 'talents.notice_open' });
    w.t.clock.advanceDays(5);
    expectError(await w.clients.neighbour.post(nom(zhangId, '/objections'), { body: '晚了' }), 409, {
      code: 'talents.notice_closed',
    });
    expectError(await city.post(nom(zhangId, '/confirm')), 409, { code: 'talents.objection_unanswered' });
    const answer = { answer: '经核实，协调工作由其牵头。', upheld: false };
    const objectionId = objection.json().id;
    expectError(await w.clients.convenor.post(`/api/talent-objections/${objectionId}/answer`, answer), 403, {});
    expect((await city.post(`/api/talent-objections/${objectionId}/answer`, answer)).statusCode).toBe(200);
    expectError(await city.post(`/api/talent-objections/${objectionId}/answer`, answer), 409, {
      code: 'talents.already_answered',
    });
    const named = await city.post(nom(zhangId, '/confirm'));
    expect(named.json()).toMatchObject({ status: 'named', abilities: { certificate: true } });
    expect(named.json().certificateNo).toMatch(/-2026-001$/);
  });

  it('gives the named person and the city the certificate, and no one else', async () => {
    const res = await w.clients.resident.get(nom(zhangId, '/certificate'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const part of ['荣誉证书', '张阿姨', '2026年度', '测试市社区工作领军人才', '-2026-001'])
      expect(text).toContain(part);
    expect((await city.get(nom(zhangId, '/certificate'))).statusCode).toBe(200);
    expectError(await w.clients.convenor.get(nom(zhangId, '/certificate')), 403, {});
    expectError(await w.clients.neighbour.get(nom(zhangId, '/certificate')), 404, {});
    expectError(await w.clients.grid.get(nom(gridId, '/certificate')), 409, { code: 'talents.wrong_stage' });
  });

  it('lists nominations within the place asked, by year and stage, for staff over it', async () => {
    const q = (c: TestClient, query: string) => c.get(`/api/talent-nominations?${query}`);
    const all = await q(w.clients.convenor, `placeId=${w.territory.community.id}&year=2026`);
    expect(all.json().total).toBe(3);
    const named = await q(town, `placeId=${w.territory.town.id}&year=2026&status=named`);
    expect(named.json()).toMatchObject({ total: 1, items: [{ id: zhangId, certificateNo: expect.any(String) }] });
    expect((await q(w.clients.other, 'year=2026')).json().total).toBe(0);
    expect((await q(w.clients.resident, '')).json()).toEqual({ items: [], total: 0 });
    expectError(await q(w.clients.other, `placeId=${w.territory.community.id}`), 403, {});
    expectError(await q(city, 'status=famous'), 400, { field: 'status' });
    expectError(await q(city, 'year=abc'), 400, { field: 'year' });
  });

  it('shows the city the selection page and closes the year only when every nomination is decided', async () => {
    expectError(await town.get(sel()), 403, {});
    const page = await city.get(sel());
    expect(page.json().selection.counts).toMatchObject({ named: 1, eligible: 1, ineligible: 1 });
    expect(page.json().nominations.map((n: { name: string }) => n.name)).toContain('张阿姨');
    expect((await city.post(sel('/review'))).json().status).toBe('reviewing');
    expectError(await city.post(sel('/close')), 409, { code: 'talents.undecided' });
    expectError(await city.post(nom(gridId, '/decline'), { reason: '' }), 400, { field: 'reason' });
    expect((await city.post(nom(gridId, '/decline'), { reason: '名额已满' })).json().status).toBe('declined');
    expect((await city.post(sel('/close'))).json().status).toBe('closed');
  });
});
