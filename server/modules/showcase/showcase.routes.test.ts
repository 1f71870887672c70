import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matterFiles } from '../../db/schema';
import { multipartForm } from '../../test/multipart-form';
import { expectError, type AfterDeliberationWorld } from '../../test/after-deliberation.fixtures';
import { expectNoPersonalData as expectNone, showcaseWorld } from '../../test/showcase.fixtures';
import sharp from 'sharp';
import { buildJpeg, buildPng } from '../../test/images';

const PNG = await buildPng();
const JPEG = await buildJpeg();

let w: AfterDeliberationWorld;
let decided: { id: number };
let hidden: { id: number };
let undecided: { id: number };
let afterFileId: number;
const expectNoPersonalData = (label: string, text: string) => expectNone(w, label, text);

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
  ({ w, decided, hidden, undecided } = await showcaseWorld());
});
afterAll(async () => w.t.close());

describe('before/after photos', () => {
  it('lets the convenor add before and after photos, appended to the matter chain', async () => {
    const before = await upload(w.clients.convenor, decided.id, 'before', JPEG);
    expect(before.statusCode, before.body).toBe(201);
    const after = await upload(w.clients.convenor, decided.id, 'after');
    expect(after.statusCode, after.body).toBe(201);
    afterFileId = after.json().fileIds[0];
    await w.expectLastAction(decided.id, 'showcase.photo');
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
    expect(await sharp(photo.rawPayload).metadata()).toMatchObject({ format: 'png', width: 4, height: 3 });
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
      title: '居民A提议5幢某单元加装电梯',
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

  it('shows the governance tags and filters by one (四治)', async () => {
    await w.db.execute(sql`update matters set governances = '{law,smart}' where id = ${decided.id}`);
    const tagged = await w.clients.anonymous.get('/api/public/showcase?governance=smart');
    expect(tagged.json().items.map((i: { id: number; governances: string[] }) => [i.id, i.governances])).toEqual([
      [decided.id, ['law', 'smart']],
    ]);
    expect((await w.clients.anonymous.get('/api/public/showcase?governance=virtue')).json().items).toEqual([]);
    expect((await w.clients.anonymous.get('/api/public/showcase?governance=nope')).statusCode).toBe(400);
    const page = await w.clients.anonymous.get(`/api/public/matters/${decided.id}`);
    expect(page.json().governances).toEqual(['law', 'smart']);
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
      body: '居民A（（电话略））等同意。',
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
