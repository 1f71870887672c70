import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matterEvents, matters, meetings, resolutions } from '../db/schema';
import { sharePages } from '../modules/showcase';
import { afterDeliberationWorld, expectError, type AfterDeliberationWorld } from '../test/after-deliberation.fixtures';
import { buildPng } from '../test/images';
import { buildMatter } from '../test/matter-factories';
import { confirmPublicTexts } from '../test/publication.fixtures';
import { multipartForm } from '../test/multipart-form';

/** The probes of the attack on bad input: each answered 500 or was accepted before. */
let w: AfterDeliberationWorld;
const count = async (table: typeof matters | typeof matterEvents | typeof meetings) =>
  (await w.db.select().from(table)).length;

beforeAll(async () => {
  w = await afterDeliberationWorld();
});
afterAll(async () => w.t.close());

describe('ids', () => {
  it('refuses an id past 2³¹−1 in a path, a query or a body with a 400 naming the field', async () => {
    expectError(await w.clients.convenor.get('/api/matters/2147483648'), 400, {
      code: 'validation.number_too_big',
      field: 'id',
      message: '数值过大（最大 2147483647）',
    });
    expectError(await w.clients.convenor.get('/api/matters/99999999999999999999'), 400, { field: 'id' });
    expectError(await w.clients.convenor.get('/api/matters/0'), 400, {
      code: 'validation.number_too_small',
      field: 'id',
    });
    expectError(await w.clients.convenor.get('/api/matters/-1'), 400, { code: 'validation.wrong_type', field: 'id' });
    expectError(await w.clients.convenor.get('/api/matters/1e3'), 400, { code: 'validation.wrong_type', field: 'id' });
    expectError(await w.clients.convenor.get(`/api/places/search?q=5幢&within=2147483648`), 400, { field: 'within' });
    const matter = await w.matterAt('raised');
    expectError(await w.clients.convenor.post(`/api/matters/${matter.id}/merge`, { intoMatterId: 2 ** 31 }), 400, {
      code: 'validation.number_too_big',
      field: 'intoMatterId',
    });
    // The last id in range is an ordinary miss.
    expectError(await w.clients.convenor.get('/api/matters/2147483647'), 404, { code: 'not_found' });
  });

  it('looks up a statistics group only when it is an id in range (a longer number is a label)', async () => {
    const query = `placeId=${w.territory.community.id}&from=2026-01-01&to=2026-02-01&figure=raised&groupBy=place`;
    const behind = await w.clients.convenor.get(`/api/statistics/matters?${query}&group=99999999999`);
    expect(behind.statusCode, behind.body).toBe(200);
    expect(behind.json()).toMatchObject({ groupLabel: '99999999999', items: [] });
  });

  it('answers a path that cannot be decoded with the usual error shape', async () => {
    expectError(await w.clients.convenor.get('/api/matters/1%ZZ'), 400, { code: 'validation.bad_url' });
  });
});

describe('closed lists and missing fields', () => {
  it('names a missing choice as required and a wrong one in the reader’s language, never zod’s English', async () => {
    const url = `/api/places/${w.territory.community.id}/venues`;
    expectError(await w.clients.convenor.post(url, { name: '议事厅', address: '一楼' }), 400, {
      code: 'validation.required',
      field: 'kind',
      message: '此项必填',
    });
    const wrong = await w.clients.convenor.post(url, { name: '议事厅', address: '一楼', kind: 'palace' });
    expectError(wrong, 400, {
      code: 'validation.not_an_option',
      field: 'kind',
      message: '不是可选的值，请从列表中选择',
    });
    const english = await w.clients.convenor.request({
      method: 'POST',
      url,
      payload: { name: 'Hall', address: 'Ground floor', kind: 'palace' },
      headers: { 'accept-language': 'en' },
    });
    expect(english.json().error.message).toBe('Not one of the choices; pick one from the list');
    // In a query string too: a status that is not one is named, not called missing.
    expectError(await w.clients.convenor.get('/api/referrals?status=bogus'), 400, {
      code: 'validation.not_an_option',
      field: 'status',
    });
  });
});

describe('text that cannot be stored', () => {
  const raise = (title: string, description = '楼道灯不亮') =>
    w.clients.resident.post('/api/matters', {
      placeId: w.territory.building.id,
      level: 'building',
      category: 'facilities',
      title,
      description,
    });

  it('refuses a NUL in a title or a search with a 400 naming the field, writing nothing', async () => {
    const before = { matters: await count(matters), audit: await count(matterEvents) };
    expectError(await raise('楼道灯\u0000坏了'), 400, {
      code: 'validation.nul_character',
      field: 'title',
      message: '含有空字符（U+0000），请删除后重试',
    });
    expectError(await w.clients.convenor.get('/api/places/search?q=%E5%BC%A0%00'), 400, {
      code: 'validation.nul_character',
      field: 'q',
    });
    expectError(await w.clients.convenor.get('/api/matters?status=raised%00'), 400, { field: 'status' });
    expect({ matters: await count(matters), audit: await count(matterEvents) }).toEqual(before);
  });

  it('refuses a lone surrogate, also deep inside a body, naming the path to it', async () => {
    expectError(await raise('楼道灯', '灯\uD800坏了'), 400, {
      code: 'validation.lone_surrogate',
      field: 'description',
    });
    const matter = await w.matterAt('accepted');
    expectError(
      await w.clients.convenor.post(`/api/matters/${matter.id}/invitations`, {
        outsideNames: ['物业公司', '\uDE00王'],
      }),
      400,
      { code: 'validation.lone_surrogate', field: 'outsideNames.1' },
    );
    // A well-formed pair (an emoji) is ordinary text.
    const emoji = await raise('楼道灯坏了💡');
    expect(emoji.statusCode, emoji.body).toBe(201);
  });

  it('refuses NUL in the text fields and file names of a multipart upload', async () => {
    const fields = {
      placeId: String(w.territory.building.id),
      level: 'building',
      category: 'facilities',
      title: '垃圾房\u0000漏水',
      description: '雨天漏水',
    };
    const png = await buildPng();
    const send = (form: ReturnType<typeof multipartForm>) =>
      w.clients.resident.request({ method: 'POST', url: '/api/matters', ...form });
    expectError(await send(multipartForm(fields, [{ name: 'a.png', bytes: png }])), 400, {
      code: 'validation.nul_character',
      field: 'title',
    });
    expectError(
      await send(multipartForm({ ...fields, title: '垃圾房漏水' }, [{ name: 'a\u0000.png', bytes: png }])),
      400,
      { code: 'validation.nul_character', field: 'photos' },
    );
  });
});

describe('links', () => {
  it('takes only http(s) meeting links: javascript: is refused with a localised 400', async () => {
    const matter = await w.matterAt('deliberating');
    const meeting = (onlineLink: string) =>
      w.clients.convenor.post(`/api/matters/${matter.id}/meetings`, {
        mode: 'online',
        onlineLink,
        startsAt: new Date(Date.now() + 86_400_000).toISOString(),
        agenda: '加装电梯方案',
      });
    const before = await count(meetings);
    for (const link of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,x', 'ftp://example.com/a']) {
      expectError(await meeting(link), 400, {
        code: 'validation.http_link',
        field: 'onlineLink',
        message: '链接须以 http:// 或 https:// 开头',
      });
    }
    expect(await count(meetings)).toBe(before);
    const ok = await meeting('https://meeting.tencent.com/dm/abc');
    expect(ok.statusCode, ok.body).toBe(201);
  });
});

describe('share pages', () => {
  let web: FastifyInstance;
  beforeAll(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'yishi-share-dollar-'));
    await writeFile(
      path.join(dir, 'index.html'),
      '<html><head><meta name="description" content="议事" />\n<title>议事</title></head><body></body></html>',
    );
    web = Fastify();
    await web.register(sharePages, { db: w.db, indexFile: path.join(dir, 'index.html') });
  });
  afterAll(async () => web.close());

  it("keeps the page intact when a title or resolution holds $', $& or $1", async () => {
    const matter = await buildMatter(w.db, {
      placeId: w.territory.building.id,
      proposerAccountId: w.residentAccountId,
      status: 'resolved',
      visibility: 'public',
      title: "电梯$'费用$&分摊$1",
    });
    await w.db.insert(resolutions).values({
      matterId: matter.id,
      body: "按面积分摊$'，$&与$`不变",
      basis: 'consensus',
      objectionEndsAt: new Date(),
      createdBy: w.staff.convenor.id,
    });
    // The public reads only the resolution text staff confirmed (nothing here for the redactor to hide).
    await confirmPublicTexts(w.db, matter.id, w.staff.convenor.id);
    const html = (await web.inject({ url: `/public/matters/${matter.id}` })).body;
    expect(html.match(/<title>/g)).toHaveLength(1);
    expect(html.match(/<html>/g)).toHaveLength(1);
    expect(html.match(/<meta name="description"/g)).toHaveLength(1);
    expect(html).toContain("<title>电梯$'费用$&amp;分摊$1 · 议事</title>");
    expect(html).toContain('content="按面积分摊$\'，$&amp;与$`不变"');
  });
});
