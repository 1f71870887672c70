import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  afterDeliberationWorld,
  expectError,
  type AfterDeliberationWorld,
} from '../../test/after-deliberation.fixtures';
import type { TestClient } from '../../test/build-test-app';
import { schemeBody } from '../../test/demonstration.fixtures';
import { buildStaff } from '../../test/factories';
import { statisticsBuilder } from '../../test/statistics.fixtures';

describe('demonstration communities: city review, naming, notice and re-assessment', () => {
  let w: AfterDeliberationWorld;
  let city: TestClient;
  let secondReviewer: TestClient;
  let town: TestClient;
  let appId: number;
  let lowId: number;
  const at = (id: number, step = '') => `/api/demonstration/applications/${id}${step}`;

  /** An application of `placeId` taken to the city's review. */
  async function recommended(convenor: TestClient, schemeId: number, placeId: number) {
    const created = await convenor.post(`/api/demonstration/schemes/${schemeId}/applications`, { placeId });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    expect((await convenor.post(at(id, '/submit'), {})).statusCode).toBe(200);
    expect((await town.post(at(id, '/recommend'), {})).statusCode).toBe(200);
    return id;
  }

  beforeAll(async () => {
    w = await afterDeliberationWorld();
    const b = statisticsBuilder(w.db, w.residentAccountId, w.staff.convenor.id);
    const m = await b.matter({ placeId: w.territory.community.id, stages: [['raised', '2026-03-02']] });
    await b.meeting(m.id, '2026-03-10', 'on_site', 2, 2);
    await b.meeting(m.id, '2026-04-10', 'on_site', 2, 1);
    await b.followUp(m.id, '2026-04-20', 5);
    const staff = async (role: 'city_officer' | 'town_officer' | 'convenor', placeId: number) =>
      w.t.loginByCode((await buildStaff(w.db, { role, placeId })).phone);
    city = await staff('city_officer', w.territory.city.id);
    secondReviewer = await staff('city_officer', w.territory.city.id);
    town = await staff('town_officer', w.territory.town.id);
    const villageConvenor = await staff('convenor', w.territory.village.id);
    const scheme = await city.post('/api/demonstration/schemes', schemeBody(w.territory.city.id));
    appId = await recommended(w.clients.convenor, scheme.json().id, w.territory.community.id);
    lowId = await recommended(villageConvenor, scheme.json().id, w.territory.village.id);
  });
  afterAll(() => w.t.close());

  it('pre-fills computed scores by the scheme’s rule', async () => {
    const res = await city.get(at(appId));
    const consult = res.json().criteria.find((l: { key: string }) => l.key === 'consult');
    expect(consult).toMatchObject({ value: 2, computedScore: 10 });
    expect(res.json().abilities).toMatchObject({ 'application.review': true, 'application.submit': false });
  });

  it('rejects scores outside the scheme and an adjusted computed score without a reason', async () => {
    const review = (scores: object) => city.put(at(appId, '/review'), { scores });
    expectError(await review({ nope: { score: 1 } }), 400, {
      code: 'demonstration.unknown_criterion',
      field: 'scores.nope',
    });
    expectError(await review({ rules: { score: 21 } }), 400, {
      code: 'demonstration.score_range',
      field: 'scores.rules.score',
    });
    expectError(await review({ consult: { score: 8 } }), 400, {
      code: 'demonstration.adjustment_reason',
      field: 'scores.consult.reason',
    });
    expectError(await review({ rules: { score: 'ten' } }), 400, { field: 'scores.rules.score' });
  });

  it('refuses the town and the community a review', async () => {
    expectError(await town.put(at(appId, '/review'), { scores: { rules: { score: 10 } } }), 403, {
      code: 'access.denied',
    });
    expectError(await w.clients.convenor.put(at(appId, '/review'), { scores: {} }), 403, { code: 'access.denied' });
  });

  it('takes each reviewer’s scores and the on-site check, and averages them', async () => {
    const one = await city.put(at(appId, '/review'), {
      scores: { rules: { score: 20 }, consult: { score: 9, reason: '一次会议实到不足' } },
    });
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json().status).toBe('under_review');
    await secondReviewer.put(at(appId, '/review'), { scores: { rules: { score: 16 } } });
    const check = await city.put(at(appId, '/site-check'), {
      on: '2026-11-20',
      by: '市社工委 李科长',
      findings: '议事厅五有齐全',
    });
    expect(check.statusCode, check.body).toBe(200);
    const view = check.json();
    expect(view.reviews).toHaveLength(2);
    expect(view.siteCheck).toMatchObject({ by: '市社工委 李科长' });
    expect(view.criteria.find((l: { key: string }) => l.key === 'rules').meanScore).toBe(18);
    expect(view.reviewTotal).toBeGreaterThanOrEqual(60);
  });

  it('will not name an application below the pass mark', async () => {
    await city.put(at(lowId, '/review'), { scores: { rules: { score: 0 } } });
    expectError(await city.post(at(lowId, '/name'), {}), 409, { code: 'demonstration.below_pass_mark' });
    const declined = await city.post(at(lowId, '/decline'), { reason: '议事活动不足' });
    expect(declined.json()).toMatchObject({ status: 'declined', outcomeReason: '议事活动不足' });
  });

  it('names it with a public notice and takes objections during the window', async () => {
    const named = await city.post(at(appId, '/name'), {});
    expect(named.statusCode, named.body).toBe(200);
    expect(named.json()).toMatchObject({ status: 'noticed' });
    expectError(await city.post(at(appId, '/name'), {}), 409, { code: 'demonstration.wrong_stage' });
    const pub = await w.clients.anonymous.get('/api/public/demonstration');
    expect(pub.json().notices).toEqual([
      expect.objectContaining({ applicationId: appId, placeName: '河滨社区', year: 2026 }),
    ]);
    expect(pub.json().named).toEqual([]);

    const objection = await w.clients.neighbour.post(at(appId, '/objections'), { body: '议事会很少开会' });
    expect(objection.statusCode, objection.body).toBe(201);
    expectError(await w.clients.neighbour.post(at(appId, '/objections'), { body: '' }), 400, { field: 'body' });
    expectError(await w.clients.neighbour.post(at(lowId, '/objections'), { body: '异议' }), 404, { code: 'not_found' });
    expectError(await w.clients.anonymous.post(at(appId, '/objections'), { body: '异议' }), 401, {});
    expectError(await city.post(at(appId, '/confirm'), {}), 409, { code: 'demonstration.notice_open' });
  });

  it('confirms after the window only once every objection is answered', async () => {
    w.t.clock.advanceDays(8);
    expectError(await w.clients.neighbour.post(at(appId, '/objections'), { body: '晚了' }), 409, {
      code: 'demonstration.notice_closed',
    });
    expectError(await city.post(at(appId, '/confirm'), {}), 409, { code: 'demonstration.objection_unanswered' });
    const objectionId = (await city.get(at(appId))).json().objections[0].id;
    expectError(await town.post(`/api/demonstration/objections/${objectionId}/answer`, { answer: '已核实' }), 403, {
      code: 'access.denied',
    });
    expect(
      (await city.post(`/api/demonstration/objections/${objectionId}/answer`, { answer: '经核实，每月召开' }))
        .statusCode,
    ).toBe(200);
    expectError(await city.post(`/api/demonstration/objections/${objectionId}/answer`, { answer: '再答' }), 409, {
      code: 'demonstration.already_answered',
    });
    const confirmed = await city.post(at(appId, '/confirm'), {});
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().status).toBe('named');
    const pub = await w.clients.anonymous.get('/api/public/demonstration');
    expect(pub.json().named).toEqual([
      { placeId: w.territory.community.id, placeName: '河滨社区', townName: '梧桐街道', year: 2026 },
    ]);
    expect(JSON.stringify(pub.json())).not.toContain('议事会很少开会');
  });

  it('warns in a failing year, removes on a finding, and takes the badge away', async () => {
    const warned = await city.post(at(appId, '/reassess'), { year: 2027, total: 50 });
    expect(warned.statusCode, warned.body).toBe(200);
    expect(warned.json().status).toBe('warned');
    expectError(await city.post(at(appId, '/reassess'), { year: 2027, total: 90 }), 409, {
      code: 'demonstration.already_reassessed',
    });
    expectError(await city.post(at(appId, '/reassess'), { year: 2028, total: 101 }), 400, { field: 'total' });
    expect((await w.clients.anonymous.get('/api/public/demonstration')).json().named).toHaveLength(1);
    const removed = await city.post(at(appId, '/reassess'), {
      year: 2028,
      total: 90,
      finding: '张阿姨反映台账造假，经查属实',
    });
    expect(removed.json()).toMatchObject({ status: 'removed', reassessments: [{ year: 2027 }, { year: 2028 }] });
    const pub = (await w.clients.anonymous.get('/api/public/demonstration')).json();
    expect(pub.named).toEqual([]);
    // A finding removes whatever the score; the public reads it with names redacted.
    expect(pub.removed).toEqual([{ placeName: '河滨社区', year: 2026, reason: expect.stringContaining('经查属实') }]);
    expect(pub.removed[0].reason).not.toContain('张阿姨');
    expectError(await city.post(at(lowId, '/reassess'), { year: 2027, total: 40 }), 409, {
      code: 'demonstration.wrong_stage',
    });
  });
});
