import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCardCheckDigit, foldForScan } from '../../../domain/publication/personal-numbers';
import { todayInChina } from '../../calendar';
import { buildResident } from '../../test/factories';
import { buildMatter } from '../../test/matter-factories';
import {
  afterDeliberationWorld,
  expectError,
  type AfterDeliberationWorld,
} from '../../test/after-deliberation.fixtures';
import { confirmThroughRoutes } from '../../test/publication.fixtures';
import { matterShareTags } from '../showcase';

/**
 * The publication probe of issue 11: texts naming 50 residents of OTHER communities, with phones in five
 * spacings and valid ID numbers, go through the normal commands (minutes, resolution, notices, tasks,
 * an objection answer, the title); afterwards no public route nor public file carries any of them.
 */
let w: AfterDeliberationWorld;
let matterId: number;

const SURNAMES = [...'秦尤许何吕施孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎鲁韦昌马苗凤花方俞任袁柳'];
const GIVEN = [...'桂兰淑珍秀梅玉凤翠萍德福海涛振华国栋春生秋菊冬梅晓燕志刚建军'];
/** 50 distinct three-character names, none a word of the texts around them. */
const NAMES = Array.from(
  { length: 50 },
  (_, i) => `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 3 + 5) % GIVEN.length]}`,
);
const PHONES = ['13912345601', '13912345602', '13912345603', '13912345604', '13912345605'];
const SPACED = ['13912345601', '139 1234 5602', '139-1234-5603', '+86 139.1234.5604', '１３９１２３４５６０５'];
const IDS = ['32010219900307123', '11010519491231002', '44030519851111002'].map((d) => d + idCardCheckDigit(d));
const names = (from: number, to: number) => NAMES.slice(from, to).join('、');

const MINUTES = `会议记录：${names(0, 20)}等人发言。${NAMES[0]}电话${SPACED[0]}，${NAMES[1]}电话${SPACED[1]}，身份证${IDS[0]}，住3幢2单元501室。`;
const RESOLUTION = `决议：${names(20, 35)}同意加装电梯；联系${SPACED[2]}或${SPACED[3]}；${NAMES[20]}身份证${IDS[1]}；5-2-301暂缓。`;
const NOTICE_TITLE = `${NAMES[35]}等人的议题公示`;
const NOTICE_BODY = `${names(36, 45)}反映问题，联系${SPACED[4]}，证件${IDS[2]}。`;
const UNCONFIRMED_NOTICE = `未确认的公示：${NAMES[46]} ${SPACED[0]}`;

beforeAll(async () => {
  w = await afterDeliberationWorld();
  for (const [i, name] of NAMES.entries()) {
    await buildResident(w.db, {
      placeId: w.territory.otherCommunity.id,
      name,
      phone: `1370000${String(i).padStart(4, '0')}`,
    });
  }
  const matter = await buildMatter(w.db, {
    placeId: w.territory.building.id,
    proposerAccountId: w.residentAccountId,
    status: 'deliberating',
    visibility: 'public',
    convenorAccountId: w.staff.convenor.id,
    title: `${NAMES[47]}提议加装电梯（${SPACED[1]}）`,
  });
  matterId = matter.id;
});
afterAll(async () => w.t.close());

/** Every seeded secret found in `text`: names as written, numbers in any spacing or width. */
function secretsIn(text: string): string[] {
  const digits = foldForScan(text).replace(/[\s\-.+·/_]/g, '');
  return [
    ...NAMES.filter((n) => text.includes(n)),
    ...[...PHONES, ...IDS].filter((n) => digits.includes(n) || digits.includes(n.slice(0, 17))),
  ];
}

describe('publication: staff confirm the redacted texts, the public sees only those', () => {
  let meetingId: number;
  let minutesId: number;

  it('refuses publishing minutes and resolving a public matter before the texts are confirmed', async () => {
    const c = w.clients.convenor;
    meetingId = (await w.holdMeeting(matterId, [w.residentAccountId])).id;
    const drafted = await c.post(`/api/meetings/${meetingId}/minutes`, { body: MINUTES });
    expect(drafted.statusCode, drafted.body).toBe(200);
    minutesId = drafted.json().minutes.id;
    const resolution = await c.post(`/api/matters/${matterId}/resolution`, {
      body: RESOLUTION,
      basis: 'consensus',
      meetingId,
      objectionDays: 1,
    });
    expect(resolution.statusCode, resolution.body).toBe(200);
    expectError(await c.post(`/api/minutes/${minutesId}/publish`), 409, { code: 'publication.unconfirmed' });
    expectError(await c.post(`/api/matters/${matterId}/resolve`), 409, { code: 'publication.unconfirmed' });
  });

  it('shows staff each original beside its redacted version; residents may not see the screen', async () => {
    expectError(await w.clients.resident.get(`/api/matters/${matterId}/public-texts`), 403, { code: 'access.denied' });
    const reply = (await w.clients.convenor.get(`/api/matters/${matterId}/public-texts`)).json();
    const minutes = reply.items.find((i: { kind: string }) => i.kind === 'minutes');
    expect(minutes).toMatchObject({ sourceId: minutesId, original: MINUTES, state: 'unconfirmed', confirmed: null });
    expect(minutes.proposed).toMatch(/^会议记录：居民A、居民B、/);
    expect(minutes.hidden).toMatchObject({ name: 22, phone: 2, idCard: 1, flat: 1 });
    expect(secretsIn(minutes.original)).toHaveLength(20 + 2 + 1);
    expect(secretsIn(minutes.proposed)).toEqual([]);
    // One label book for the matter: the resolution's first name continues after the minutes' twenty.
    const resolution = reply.items.find((i: { kind: string }) => i.kind === 'resolution');
    expect(resolution.proposed).toMatch(/^决议：居民U、/);
  });

  it('redacts a staff edit again: a name or phone put back does not survive confirmation', async () => {
    const c = w.clients.convenor;
    const { items } = (await c.get(`/api/matters/${matterId}/public-texts`)).json();
    const minutes = items.find((i: { kind: string }) => i.kind === 'minutes');
    const edited = `${minutes.proposed}（补充：${NAMES[3]}，电话 ${SPACED[3]}）`;
    const stale = { kind: 'minutes', sourceId: minutesId, body: edited, sourceDigest: '0'.repeat(64) };
    expectError(await c.post(`/api/matters/${matterId}/public-texts`, stale), 409, {
      code: 'publication.source_changed',
    });
    const confirmed = await c.post(`/api/matters/${matterId}/public-texts`, {
      ...stale,
      sourceDigest: minutes.sourceDigest,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const after = confirmed.json().items.find((i: { kind: string }) => i.kind === 'minutes');
    expect(after.state).toBe('confirmed');
    expect(after.confirmed.body).toContain('（补充：居民D，电话 （电话略））');
    expect(secretsIn(after.confirmed.body)).toEqual([]);
  });

  it('covers what the public reads by the chain: a confirmed text edited in storage is reported', async () => {
    const c = w.clients.convenor;
    const chain = async () => (await c.get(`/api/matters/${matterId}/chain`)).json();
    expect((await chain()).textMismatches).toEqual([]);
    const [row] = (
      await w.db.execute<{ id: number; body: string }>(
        sql`select id, body from public_texts where matter_id = ${matterId} and kind = 'minutes'`,
      )
    ).rows;
    await w.db.execute(sql`update public_texts set body = ${row!.body + '（改）'} where id = ${row!.id}`);
    const report = await chain();
    expect(report.isIntact).toBe(false);
    expect(report.textMismatches).toMatchObject([
      { kind: 'public_text', id: row!.id, field: 'body', status: 'altered' },
    ]);
    await w.db.execute(sql`update public_texts set body = ${row!.body} where id = ${row!.id}`);
    expect((await chain()).isIntact).toBe(true);
  });

  it('publishes through the normal commands once confirmed, and marks a changed source stale', async () => {
    const c = w.clients.convenor;
    const posted = await c.post(`/api/matters/${matterId}/notices`, {
      kind: 'topic',
      title: NOTICE_TITLE,
      body: NOTICE_BODY,
      startsOn: todayInChina(),
      endsOn: todayInChina(new Date(Date.now() + 5 * 86_400_000)),
    });
    expect(posted.statusCode, posted.body).toBe(201);
    // A resolution rewritten after its confirmation needs confirming again before the matter resolves.
    await confirmThroughRoutes(c, matterId, 'resolution');
    const rewrite = { body: `${RESOLUTION}另：${NAMES[34]}列席。`, basis: 'consensus', meetingId, objectionDays: 1 };
    expect((await c.post(`/api/matters/${matterId}/resolution`, rewrite)).statusCode).toBe(200);
    const stale = (await c.get(`/api/matters/${matterId}/public-texts`)).json();
    expect(stale.items.find((i: { kind: string }) => i.kind === 'resolution')).toMatchObject({
      state: 'stale',
      confirmed: { body: expect.stringMatching(/^决议：/) },
    });
    expectError(await c.post(`/api/matters/${matterId}/resolve`), 409, { code: 'publication.unconfirmed' });
    await confirmThroughRoutes(c, matterId);
    expect((await c.post(`/api/minutes/${minutesId}/publish`)).statusCode).toBe(200);
    expect((await c.post(`/api/matters/${matterId}/resolve`)).statusCode).toBe(200);
    // After resolving: a notice nobody confirmed, a task and an answered objection naming people.
    const unconfirmed = await c.post(`/api/matters/${matterId}/notices`, {
      kind: 'result',
      title: '结果公示',
      body: UNCONFIRMED_NOTICE,
      startsOn: todayInChina(),
      endsOn: todayInChina(new Date(Date.now() + 5 * 86_400_000)),
    });
    expect(unconfirmed.statusCode, unconfirmed.body).toBe(201);
    const task = await c.post(`/api/matters/${matterId}/tasks`, {
      title: `${NAMES[48]}负责联系${SPACED[2]}`,
      ownerName: NAMES[48],
      dueOn: '2000-01-01',
    });
    expect(task.statusCode, task.body).toBe(201);
    const objection = await w.clients.resident.post(`/api/matters/${matterId}/objections`, { body: '有异议' });
    expect(objection.statusCode, objection.body).toBe(201);
    const answer = await c.post(`/api/objections/${objection.json().id}/answer`, {
      answer: `已与${NAMES[49]}（身份证${IDS[0]}）沟通`,
    });
    expect(answer.statusCode, answer.body).toBe(200);
    const reply = (await c.get(`/api/matters/${matterId}/public-texts`)).json();
    expect(
      reply.items.find(
        (i: { sourceId: number; kind: string }) => i.kind === 'notice_body' && i.sourceId === unconfirmed.json().id,
      ).state,
    ).toBe('unconfirmed');
  });

  it('leaves no roster name, phone or ID number on any public route or public file', async () => {
    const anonymous = w.clients.anonymous;
    await w.clients.convenor.post(`/api/places/${w.territory.community.id}/bulletins`, {
      month: todayInChina().slice(0, 7),
    });
    const spec = w.t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const publicPaths = Object.keys(spec.paths).filter((p) => p.startsWith('/api/public/') && 'get' in spec.paths[p]!);
    // The enumeration really finds the public surface (a renamed route would otherwise escape the scan).
    expect(publicPaths).toEqual(
      expect.arrayContaining([
        '/api/public/matters/{id}',
        '/api/public/matters/{id}/file.json',
        '/api/public/showcase',
        '/api/public/places/{id}/notices',
        '/api/public/places/{id}/bulletins',
        '/api/public/bulletins/{placeId}/{month}',
        '/api/public/open-data/{name}',
      ]),
    );
    const placeIds = [w.territory.community.id, w.territory.building.id, w.territory.otherCommunity.id];
    const months = [todayInChina().slice(0, 7)];
    const fill = (path: string): string[] => {
      if (path.includes('{name}'))
        return ['matters.csv', 'matters.json', 'results.csv', 'results.json'].map((n) => path.replace('{name}', n));
      if (path.includes('{placeId}'))
        return placeIds.flatMap((p) => months.map((m) => path.replace('{placeId}', String(p)).replace('{month}', m)));
      if (path.includes('places/{id}')) return placeIds.map((p) => path.replace('{id}', String(p)));
      if (path.includes('{id}')) return [path.replace('{id}', String(matterId))];
      return [path, `${path}?placeId=${w.territory.community.id}`];
    };
    const scanned: string[] = [];
    let found = 0;
    for (const url of publicPaths.flatMap(fill)) {
      const response = await anonymous.get(url);
      if (response.statusCode === 200) found += 1;
      expect(secretsIn(response.body), url).toEqual([]);
      scanned.push(`${response.statusCode} ${url}`);
    }
    // The matter, its file, showcase and its card, the notice board with the confirmed notice.
    expect(scanned).toEqual(expect.arrayContaining([`200 /api/public/matters/${matterId}`]));
    const page = (await anonymous.get(`/api/public/matters/${matterId}`)).json();
    expect(page.minutes).toHaveLength(1);
    expect(page.resolution.body).toMatch(/^决议：居民U、居民V、/);
    const board = (await anonymous.get(`/api/public/places/${w.territory.community.id}/notices`)).json();
    expect(board.notices.map((n: { title: string }) => n.title)).toEqual(['居民AJ等人的议题公示']);
    const showcase = (await anonymous.get('/api/public/showcase')).json();
    expect(showcase.items[0].resolution.snippet).toMatch(/^决议：居民U、/);
    // The share page's tags (the HTML preview of /public/matters/:id).
    const tags = await matterShareTags(w.db, matterId, 'http://yishi.example');
    expect(secretsIn(JSON.stringify(tags))).toEqual([]);
    expect(found).toBeGreaterThanOrEqual(8);
  });
});
