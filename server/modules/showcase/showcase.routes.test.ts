import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ballots, followUps, matterFiles, notices, resolutions, tasks } from '../../db/schema';
import { buildMatter } from '../../test/matter-factories';
import { multipartForm } from '../../test/multipart-form';
import {
  afterDeliberationWorld,
  expectError,
  type AfterDeliberationWorld,
} from '../../test/after-deliberation.fixtures';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7, 7, 7]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 9, 9, 9]);
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

let w: AfterDeliberationWorld;
let decided: { id: number };
let hidden: { id: number };
let undecided: { id: number };
let afterFileId: number;

/** Every resident and account name and phone in the database: none may appear in a public reply. */
async function personalData(): Promise<string[]> {
  const rows = await w.t.database.db.execute<{ text: string }>(
    `select name as text from residents union select phone from residents where phone is not null
     union select display_name from accounts union select phone from accounts where phone is not null`,
  );
  return rows.rows.map((r) => r.text).filter((t) => t && t.length >= 2);
}

const expectNoPersonalData = async (label: string, text: string) => {
  for (const word of await personalData()) expect(text, `${label} leaks ${word}`).not.toContain(word);
};

const upload = (
  client: AfterDeliberationWorld['clients']['convenor'],
  matterId: number,
  purpose: string,
  bytes = PNG,
) =>
  client.request({
    method: 'POST',
    url: `/api/matters/${matterId}/showcase-photos`,
    ...multipartForm({ purpose }, [{ name: `${purpose}.png`, bytes }]),
  });

beforeAll(async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'yishi-showcase-'));
  w = await afterDeliberationWorld({ YISHI_DATA_DIR: dataDir });
  const { db } = w;
  decided = await buildMatter(db, {
    placeId: w.territory.building.id,
    proposerAccountId: w.residentAccountId,
    status: 'implementing',
    visibility: 'public',
    title: '张阿姨提议5幢2单元加装电梯',
    convenorAccountId: w.staff.convenor.id,
  });
  hidden = await buildMatter(db, {
    placeId: w.territory.building.id,
    proposerAccountId: w.residentAccountId,
    status: 'resolved',
    visibility: 'community',
    title: '仅社区可见的事项',
  });
  undecided = await buildMatter(db, {
    placeId: w.territory.building.id,
    proposerAccountId: w.residentAccountId,
    status: 'deliberating',
    visibility: 'public',
    title: '尚在协商的公开事项',
  });
  const [ballot] = await db
    .insert(ballots)
    .values({
      matterId: decided.id,
      placeId: w.territory.building.id,
      placePath: w.territory.building.path,
      question: '是否加装电梯',
      ruleKey: 'civil-code-278-major',
      ruleVersion: 1,
      electorateKind: 'owners',
      secrecy: 'named',
      status: 'closed',
      closesAt: new Date(),
      closedAt: new Date(),
      result: {
        outcome: 'passed',
        isStatutory: true,
        ruleName: '民法典第278条 重大事项',
        citation: '民法典第二百七十八条',
        quorum: {
          mode: 'all',
          met: true,
          checks: [
            {
              measure: 'heads',
              part: 'participants',
              of: 'electorate',
              threshold: '≥ 2/3',
              numerator: '9',
              denominator: '12',
              percent: '75.00',
              met: true,
            },
          ],
        },
        decision: {
          mode: 'all',
          met: true,
          checks: [
            {
              measure: 'heads',
              part: 'approvals',
              of: 'participants',
              threshold: '≥ 3/4',
              numerator: '8',
              denominator: '9',
              percent: '88.89',
              met: true,
            },
          ],
        },
        electorate: { heads: '12', area: '120000', households: '12' },
        participants: { heads: '9', area: '90050', households: '9' },
        counts: {
          for: { heads: '8', area: '80000', households: '8' },
          against: { heads: '1', area: '10050', households: '1' },
          abstain: { heads: '0', area: '0', households: '0' },
        },
        approval: null,
        ranked: null,
        winners: [],
        missingConsents: ['5幢2单元0502'],
        channels: { online: 7, proxy: 1, assisted: 1, paper: 0 },
      },
      createdBy: w.staff.convenor.id,
    })
    .returning();
  await db.insert(resolutions).values({
    matterId: decided.id,
    body: '经王主任主持，张阿姨（13812345678）等业主表决同意加装电梯，费用按楼层分摊。',
    basis: 'ballot',
    ballotId: ballot!.id,
    objectionEndsAt: new Date(Date.now() + 3 * 86_400_000),
    createdBy: w.staff.convenor.id,
  });
  await db.insert(tasks).values([
    { matterId: decided.id, title: '电梯井施工', ownerName: '物业', dueOn: day(30), createdBy: w.staff.convenor.id },
    {
      matterId: decided.id,
      title: '招标',
      ownerName: '物业',
      dueOn: day(-3),
      status: 'done',
      createdBy: w.staff.convenor.id,
    },
  ]);
  await db.insert(followUps).values([
    { matterId: decided.id, recordedBy: w.staff.grid.id, method: 'visit', satisfaction: 4, comment: '李师傅满意' },
    { matterId: decided.id, recordedBy: w.staff.grid.id, method: 'phone', satisfaction: 5, comment: '好' },
  ]);
  await db.insert(notices).values([
    {
      matterId: decided.id,
      kind: 'result',
      title: '加装电梯表决结果公示',
      body: '张阿姨（13812345678）等同意。',
      startsOn: day(-1),
      endsOn: day(5),
      createdBy: w.staff.convenor.id,
    },
    {
      matterId: decided.id,
      kind: 'topic',
      title: '过期的议题公示',
      body: '已过期',
      startsOn: day(-20),
      endsOn: day(-10),
      createdBy: w.staff.convenor.id,
    },
    {
      matterId: undecided.id,
      kind: 'meeting',
      title: '协商会议通知',
      body: '周六上午在议事厅',
      startsOn: day(-1),
      endsOn: day(2),
      createdBy: w.staff.convenor.id,
    },
    {
      matterId: hidden.id,
      kind: 'topic',
      title: '社区内部公示',
      body: '不公开',
      startsOn: day(-1),
      endsOn: day(2),
      createdBy: w.staff.convenor.id,
    },
  ]);
});
afterAll(async () => w.t.close());

describe('before/after photos', () => {
  it('lets the convenor add before and after photos, appended to the matter chain', async () => {
    const before = await upload(w.clients.convenor, decided.id, 'before', JPEG);
    expect(before.statusCode, before.body).toBe(201);
    const after = await upload(w.clients.convenor, decided.id, 'after');
    expect(after.statusCode, after.body).toBe(201);
    afterFileId = after.json().fileIds[0];
    await w.expectLastAction(decided.id, 'showcasePhoto');
  });

  it('refuses a resident (403), another community (404), a bad purpose or no photo (400)', async () => {
    expectError(await upload(w.clients.resident, decided.id, 'before'), 403, { code: 'access.denied' });
    expectError(await upload(w.clients.other, decided.id, 'before'), 404, { code: 'not_found' });
    const bad = await upload(w.clients.convenor, decided.id, 'raised');
    expect(bad.statusCode).toBe(400);
    const none = await w.clients.convenor.request({
      method: 'POST',
      url: `/api/matters/${decided.id}/showcase-photos`,
      ...multipartForm({ purpose: 'after' }, []),
    });
    expectError(none, 400, { code: 'showcase.photo_missing', field: 'photo' });
  });

  it('serves only before/after photos of public decided matters to anyone; others are 404 alike', async () => {
    const photo = await w.clients.anonymous.get(`/api/public/matter-files/${afterFileId}`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.rawPayload).toEqual(PNG);
    const hiddenPhoto = (await upload(w.clients.convenor, hidden.id, 'after')).json().fileIds[0];
    const [raised] = await w.db
      .insert(matterFiles)
      .values({
        matterId: decided.id,
        purpose: 'raised',
        storageKey: 'x',
        fileName: 'x.png',
        contentType: 'image/png',
        sizeBytes: 1,
        sha256: 'x',
        uploadedBy: w.residentAccountId,
      })
      .returning();
    for (const id of [hiddenPhoto, raised!.id, 999_999]) {
      expectError(await w.clients.anonymous.get(`/api/public/matter-files/${id}`), 404, { code: 'not_found' });
    }
  });
});

describe('showcase list', () => {
  it('lists only public decided matters, redacted, with photos, ballot line and implementation', async () => {
    const response = await w.clients.anonymous.get('/api/public/showcase');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=60');
    const { items, hasMore } = response.json();
    expect(hasMore).toBe(false);
    expect(items.map((i: { id: number }) => i.id)).toEqual([decided.id]);
    const card = items[0];
    expect(card).toMatchObject({
      title: '居民Z提议5幢2单元加装电梯',
      category: 'facilities',
      status: 'implementing',
      photos: { beforeId: expect.any(Number), afterId: afterFileId },
      implementation: { tasksDone: 1, tasksTotal: 2 },
      resolution: { basis: 'ballot' },
      ballot: { outcome: 'passed', counts: { for: '8', against: '1', abstain: '0' } },
    });
    expect(card.trail.map((p: { name: string }) => p.name)).toEqual(['梧桐街道', '河滨社区', '河滨小区', '5幢']);
    expect(card.ballot.checks).toContainEqual(expect.objectContaining({ numerator: '8', denominator: '9', met: true }));
    expect(card.resolution.snippet).toContain('（电话略）');
    await expectNoPersonalData('showcase', response.body);
    expect(response.body).not.toContain('0502');
  });

  it('adds before/after photos and the ballot line to the public matter page; others are 404 alike', async () => {
    const extras = await w.clients.anonymous.get(`/api/public/showcase/matters/${decided.id}`);
    expect(extras.statusCode, extras.body).toBe(200);
    expect(extras.json()).toMatchObject({
      photos: { before: [expect.any(Number)], after: [afterFileId] },
      ballot: { outcome: 'passed', ruleName: '民法典第278条 重大事项' },
    });
    expect(extras.body).not.toContain('0502');
    for (const id of [hidden.id, undecided.id, 999_999]) {
      expectError(await w.clients.anonymous.get(`/api/public/showcase/matters/${id}`), 404, { code: 'not_found' });
    }
  });

  it('filters by place subtree and category; an unknown place is 404', async () => {
    const inTown = await w.clients.anonymous.get(
      `/api/public/showcase?placeId=${w.territory.town.id}&category=facilities`,
    );
    expect(inTown.json().items).toHaveLength(1);
    const elsewhere = await w.clients.anonymous.get(`/api/public/showcase?placeId=${w.territory.otherCommunity.id}`);
    expect(elsewhere.json().items).toEqual([]);
    const otherCategory = await w.clients.anonymous.get('/api/public/showcase?category=safety');
    expect(otherCategory.json().items).toEqual([]);
    expectError(await w.clients.anonymous.get('/api/public/showcase?placeId=999999'), 404, { code: 'not_found' });
    expect((await w.clients.anonymous.get('/api/public/showcase?category=nope')).statusCode).toBe(400);
  });

  it('offers towns and communities to filter by, names only', async () => {
    const { places } = (await w.clients.anonymous.get('/api/public/showcase/places')).json();
    expect(places).toContainEqual({
      id: w.territory.community.id,
      kind: 'community',
      name: '河滨社区',
      parentId: w.territory.town.id,
    });
    expect(places.every((p: { kind: string }) => p.kind === 'town' || p.kind === 'community')).toBe(true);
  });
});

describe('notice board', () => {
  it('shows the current notices of public matters in the subtree, redacted, with the objection window', async () => {
    const response = await w.clients.anonymous.get(`/api/public/places/${w.territory.community.id}/notices`);
    expect(response.statusCode, response.body).toBe(200);
    const board = response.json();
    expect(board.place).toMatchObject({ id: w.territory.community.id, name: '河滨社区' });
    expect(board.notices.map((n: { title: string }) => n.title).sort()).toEqual(
      ['加装电梯表决结果公示', '协商会议通知'].sort(),
    );
    const result = board.notices.find((n: { kind: string }) => n.kind === 'result');
    expect(result).toMatchObject({
      matterId: decided.id,
      body: expect.stringMatching(/^居民Z.*电话略.*等同意。$/),
      objectionEndsAt: expect.any(String),
    });
    // A matter still in deliberation has no public page to link to.
    expect(board.notices.find((n: { kind: string }) => n.kind === 'meeting').matterId).toBeNull();
    await expectNoPersonalData('notices', response.body);
  });

  it('is empty for another community and 404 for an unknown place', async () => {
    const other = await w.clients.anonymous.get(`/api/public/places/${w.territory.otherCommunity.id}/notices`);
    expect(other.json().notices).toEqual([]);
    expectError(await w.clients.anonymous.get('/api/public/places/999999/notices'), 404, { code: 'not_found' });
  });
});

describe('open data', () => {
  it('publishes public decided matters as CSV (UTF-8 with BOM) and JSON, community level, no titles or people', async () => {
    const csv = await w.clients.anonymous.get('/api/public/open-data/matters.csv');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'matter_id,town,community,category,kind,level,status,raised_on,resolved_on,archived_on,resolution_basis,ballot_id,ballot_outcome,satisfaction_average,follow_up_count',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      new RegExp(
        `^${decided.id},梧桐街道,河滨社区,facilities,livelihood,building,implementing,\\d{4}-\\d\\d-\\d\\d,\\d{4}-\\d\\d-\\d\\d,,ballot,\\d+,passed,4.50,2$`,
      ),
    );
    const json = (await w.clients.anonymous.get('/api/public/open-data/matters.json')).json();
    expect(json.rows).toEqual([
      expect.objectContaining({ matter_id: decided.id, satisfaction_average: '4.50', follow_up_count: 2 }),
    ]);
    for (const body of [csv.body, JSON.stringify(json)]) await expectNoPersonalData('open matters', body);
  });

  it('publishes ballot results with exact fractions, never the flats that did not consent', async () => {
    const json = (await w.clients.anonymous.get('/api/public/open-data/results.json')).json();
    expect(json.rows).toEqual([
      expect.objectContaining({
        matter_id: decided.id,
        outcome: 'passed',
        electorate_heads: 12,
        participant_heads: 9,
        participant_area_m2: '900.50',
        for_heads: 8,
        conditions:
          'quorum participants/electorate heads 9/12 ≥ 2/3 met; decision approvals/participants heads 8/9 ≥ 3/4 met',
        conditions_met: true,
      }),
    ]);
    const csv = await w.clients.anonymous.get('/api/public/open-data/results.csv');
    expect(csv.body).toContain('8/9');
    for (const body of [csv.body, JSON.stringify(json)]) {
      expect(body).not.toContain('0502');
      await expectNoPersonalData('open results', body);
    }
    expect((await w.clients.anonymous.get('/api/public/open-data/people.csv')).statusCode).toBe(400);
  });
});
