import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  afterDeliberationWorld,
  expectError,
  type AfterDeliberationWorld,
} from '../../test/after-deliberation.fixtures';
import type { TestClient } from '../../test/build-test-app';
import { schemeBody } from '../../test/demonstration.fixtures';
import { buildStaff } from '../../test/factories';
import { buildPng } from '../../test/images';
import { multipartForm } from '../../test/multipart-form';
import { statisticsBuilder } from '../../test/statistics.fixtures';

type Line = { key: string; value: number | null; computedScore: number | null };

describe('demonstration communities: scheme, application, town and list', () => {
  let w: AfterDeliberationWorld;
  let city: TestClient;
  let town: TestClient;
  let otherTown: TestClient;
  let schemeId: number;
  let applicationId: number;
  let b: ReturnType<typeof statisticsBuilder>;

  beforeAll(async () => {
    w = await afterDeliberationWorld();
    b = statisticsBuilder(w.db, w.residentAccountId, w.staff.convenor.id);
    const c = w.territory.community.id;
    const m1 = await b.matter({
      placeId: c,
      stages: [
        ['raised', '2026-03-02'],
        ['archived', '2026-04-02'],
      ],
    });
    await b.matter({ placeId: w.territory.building.id, stages: [['raised', '2026-05-02']] });
    await b.matter({ placeId: w.territory.otherCommunity.id, stages: [['raised', '2026-05-02']] });
    await b.meeting(m1.id, '2026-03-10', 'on_site', 4, 3);
    await b.followUp(m1.id, '2026-04-20', 4);
    const staff = async (role: 'city_officer' | 'town_officer', placeId: number) =>
      w.t.loginByCode((await buildStaff(w.db, { role, placeId })).phone);
    city = await staff('city_officer', w.territory.city.id);
    town = await staff('town_officer', w.territory.town.id);
    otherTown = await staff('town_officer', w.territory.otherTown.id);
  });
  afterAll(() => w.t.close());

  describe('POST /api/demonstration/schemes', () => {
    it('lets a city officer publish a year’s scheme', async () => {
      const res = await city.post('/api/demonstration/schemes', schemeBody(w.territory.city.id));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ year: 2026, abilities: { 'scheme.manage': true } });
      schemeId = res.json().id;
    });

    it('refuses a town officer and a convenor', async () => {
      for (const client of [town, w.clients.convenor])
        expectError(
          await client.post('/api/demonstration/schemes', schemeBody(w.territory.city.id, { year: 2030 })),
          403,
          {
            code: 'access.denied_place',
          },
        );
    });

    it('rejects bad schemes with the field at fault', async () => {
      const base = schemeBody(w.territory.city.id, { year: 2031 });
      const cases: [object, object][] = [
        [
          { ...base, title: ' ' },
          { code: 'validation.required', field: 'title' },
        ],
        [
          { ...base, title: '细'.repeat(81) },
          { code: 'validation.too_long', field: 'title' },
        ],
        [{ ...base, passMark: '60' }, { field: 'passMark' }],
        [
          { ...base, criteria: base.criteria.slice(1) },
          { code: 'demonstration.criteria', field: 'criteria' },
        ],
        [
          { ...base, criteria: [{ ...base.criteria[0]!, target: undefined }, ...base.criteria.slice(1)] },
          { code: 'demonstration.criteria', field: 'criteria.0.target' },
        ],
        [{ ...base, criteria: [{ ...base.criteria[0]!, metric: 'households' }] }, { field: 'criteria.0.metric' }],
        [{ ...base, placeId: w.territory.town.id }, { field: 'placeId' }],
      ];
      for (const [body, error] of cases) expectError(await city.post('/api/demonstration/schemes', body), 400, error);
    });

    it('refuses a second scheme for the same year', async () => {
      expectError(await city.post('/api/demonstration/schemes', schemeBody(w.territory.city.id)), 409, {
        code: 'demonstration.duplicate_year',
      });
    });
  });

  describe('a community applies', () => {
    const url = () => `/api/demonstration/schemes/${schemeId}/applications`;

    it('creates a draft whose computed figures are the statistics module’s own for the place and period', async () => {
      const res = await w.clients.convenor.post(url(), { placeId: w.territory.community.id });
      expect(res.statusCode, res.body).toBe(201);
      applicationId = res.json().id;
      const lines = new Map<string, Line>(res.json().criteria.map((l: Line) => [l.key, l]));

      const stats = await w.clients.convenor.get(
        `/api/statistics?placeId=${w.territory.community.id}&from=2026-01-01&to=2027-01-01&groupBy=month`,
      );
      expect(stats.statusCode, stats.body).toBe(200);
      const totals = stats.json().totals;
      expect(lines.get('consult')!.value).toBe(totals.consultations.value);
      expect(lines.get('satisfy')!.value).toBe(totals.satisfaction.value);
      expect(totals.raised.value).toBe(2);
      // Two households in the roster: 2 matters × 1000 ÷ 2.
      expect(lines.get('density')!.value).toBe((totals.raised.value * 1000) / 2);
      expect(lines.get('venues')).toMatchObject({ value: 0, computedScore: 0 });
      expect(res.json()).toMatchObject({ status: 'draft', isFrozen: false, townName: '梧桐街道' });
    });

    it('refuses another community’s staff, a place that is not a community, and a second application', async () => {
      expectError(await w.clients.other.post(url(), { placeId: w.territory.community.id }), 403, {
        code: 'access.denied_place',
      });
      expectError(await w.clients.convenor.post(url(), { placeId: w.territory.estate.id }), 400, {
        code: 'demonstration.not_a_community',
        field: 'placeId',
      });
      expectError(await w.clients.convenor.post(url(), { placeId: w.territory.community.id }), 409, {
        code: 'demonstration.already_applied',
      });
      expectError(await w.clients.convenor.post(url(), { placeId: 'x' }), 400, { field: 'placeId' });
    });

    it('hides the application from another community and another town', async () => {
      for (const client of [w.clients.other, otherTown, w.clients.resident])
        expectError(await client.get(`/api/demonstration/applications/${applicationId}`), 404, { code: 'not_found' });
    });

    it('saves evidence only for evidenced criteria', async () => {
      const put = (evidence: object) =>
        w.clients.convenor.put(`/api/demonstration/applications/${applicationId}`, {
          statement: '我们的做法',
          evidence,
        });
      expectError(await put({ consult: '自报' }), 400, {
        code: 'demonstration.unknown_criterion',
        field: 'evidence.consult',
      });
      expectError(await put({ rules: 'x'.repeat(2001) }), 400, { code: 'validation.too_long' });
      const res = await put({ rules: '《河滨社区议事规则》已公示' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().criteria.find((l: Line) => l.key === 'rules').evidence).toBe('《河滨社区议事规则》已公示');
    });

    it('attaches photos as evidence of an evidenced criterion, readable by the town, hidden from others', async () => {
      const upload = (client: TestClient, fields: Record<string, string>, photos: { name: string; bytes: Buffer }[]) =>
        client.request({
          method: 'POST',
          url: `/api/demonstration/applications/${applicationId}/evidence-files`,
          ...multipartForm(fields, photos),
        });
      const png = { name: '议事规则.png', bytes: await buildPng() };
      expectError(await upload(w.clients.convenor, { criterionKey: 'consult' }, [png]), 400, {
        code: 'demonstration.unknown_criterion',
        field: 'criterionKey',
      });
      expectError(await upload(w.clients.convenor, { criterionKey: 'rules' }, []), 400, { field: 'photos' });
      expectError(
        await upload(w.clients.convenor, { criterionKey: 'rules' }, [{ name: 'a.txt', bytes: Buffer.from('hi') }]),
        400,
        { field: 'photos' },
      );
      expectError(await upload(w.clients.other, { criterionKey: 'rules' }, [png]), 404, { code: 'not_found' });
      const res = await upload(w.clients.convenor, { criterionKey: 'rules' }, [png, png]);
      expect(res.statusCode, res.body).toBe(201);
      const files = res.json().criteria.find((l: Line) => l.key === 'rules').files;
      expect(files).toHaveLength(2);
      const removed = await w.clients.convenor.delete(
        `/api/demonstration/applications/${applicationId}/evidence-files/${files[1].id}`,
      );
      expect(removed.json().criteria.find((l: Line) => l.key === 'rules').files).toHaveLength(1);
      const image = await town.get(`/api/demonstration/evidence-files/${files[0].id}`);
      expect(image.statusCode).toBe(200);
      expect(image.headers['content-type']).toBe('image/png');
      expectError(await otherTown.get(`/api/demonstration/evidence-files/${files[0].id}`), 404, { code: 'not_found' });
    });

    it('answers 409 for the town’s recommendation before submission', async () => {
      expectError(await town.post(`/api/demonstration/applications/${applicationId}/recommend`, {}), 409, {
        code: 'demonstration.wrong_stage',
      });
    });

    it('freezes the computed figures at submission, once even when submitted twice at once', async () => {
      const submit = () => w.clients.convenor.post(`/api/demonstration/applications/${applicationId}/submit`, {});
      const [a, c] = await Promise.all([submit(), submit()]);
      expect([a.statusCode, c.statusCode].sort()).toEqual([200, 409]);
      await b.matter({ placeId: w.territory.community.id, stages: [['raised', '2026-06-02']] });
      const res = await w.clients.convenor.get(`/api/demonstration/applications/${applicationId}`);
      expect(res.json()).toMatchObject({ status: 'submitted', isFrozen: true });
      expect(res.json().criteria.find((l: Line) => l.key === 'density').value).toBe(1000);
      expectError(
        await w.clients.convenor.put(`/api/demonstration/applications/${applicationId}`, {
          statement: '',
          evidence: {},
        }),
        409,
        { code: 'demonstration.wrong_stage' },
      );
      const late = await w.clients.convenor.request({
        method: 'POST',
        url: `/api/demonstration/applications/${applicationId}/evidence-files`,
        ...multipartForm({ criterionKey: 'rules' }, [{ name: 'late.png', bytes: await buildPng() }]),
      });
      expectError(late, 409, { code: 'demonstration.wrong_stage' });
    });

    it('lets only the town over it recommend', async () => {
      expectError(await otherTown.post(`/api/demonstration/applications/${applicationId}/recommend`, {}), 404, {
        code: 'not_found',
      });
      expectError(await city.post(`/api/demonstration/applications/${applicationId}/recommend`, {}), 403, {
        code: 'access.denied',
      });
      const res = await town.post(`/api/demonstration/applications/${applicationId}/recommend`, { note: '推荐' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'recommended', townNote: '推荐' });
    });

    it('locks the scheme once an application left its draft', async () => {
      expectError(
        await city.put(`/api/demonstration/schemes/${schemeId}`, schemeBody(w.territory.city.id, { passMark: 10 })),
        409,
        { code: 'demonstration.scheme_in_use' },
      );
    });

    it('lists the application for the town and counts it in the city’s overview', async () => {
      const list = await town.get(`/api/demonstration/applications?schemeId=${schemeId}`);
      expect(list.json().items.map((i: { id: number }) => i.id)).toContain(applicationId);
      const none = await otherTown.get(`/api/demonstration/applications?schemeId=${schemeId}`);
      expect(none.json().items).toEqual([]);
      const overview = await city.get(`/api/demonstration/overview?schemeId=${schemeId}`);
      expect(overview.statusCode, overview.body).toBe(200);
      const row = overview.json().towns.find((t: { placeId: number }) => t.placeId === w.territory.town.id);
      expect(row.counts).toMatchObject({ recommended: 1, draft: 0 });
      expect(overview.json().towns).toHaveLength(2);
    });
  });
});
