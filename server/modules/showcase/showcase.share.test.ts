import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matterFiles, resolutions } from '../../db/schema';
import { buildMatter } from '../../test/matter-factories';
import { confirmPublicTexts } from '../../test/publication.fixtures';
import { afterDeliberationWorld, type AfterDeliberationWorld } from '../../test/after-deliberation.fixtures';
import { sharePages } from './showcase.share';

const INDEX = `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta name="description" content="议事 — 城乡社区议事协商平台" />
    <title>议事</title>
  </head>
  <body><div id="app"></div></body>
</html>`;

let w: AfterDeliberationWorld;
let web: FastifyInstance;

beforeAll(async () => {
  w = await afterDeliberationWorld();
  const dir = await mkdtemp(path.join(tmpdir(), 'yishi-share-'));
  await writeFile(path.join(dir, 'index.html'), INDEX);
  web = Fastify();
  await web.register(sharePages, { db: w.db, indexFile: path.join(dir, 'index.html') });
});
afterAll(async () => {
  await web.close();
  await w.t.close();
});

const meta = (html: string, property: string) =>
  new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)" />`).exec(html)?.[1];

describe('share previews', () => {
  it('fills title, og:title, og:description and og:image (the after photo) for a public decided matter', async () => {
    const matter = await buildMatter(w.db, {
      placeId: w.territory.building.id,
      proposerAccountId: w.residentAccountId,
      status: 'resolved',
      visibility: 'public',
      title: '张阿姨提议的楼道灯更换',
    });
    await w.db.insert(resolutions).values({
      matterId: matter.id,
      body: '王主任主持，同意更换5幢全部楼道灯，电话13812345678。',
      basis: 'consensus',
      objectionEndsAt: new Date(),
      createdBy: w.staff.convenor.id,
    });
    const [after] = await w.db
      .insert(matterFiles)
      .values({
        matterId: matter.id,
        purpose: 'after',
        storageKey: 'k',
        fileName: 'a.png',
        contentType: 'image/png',
        sizeBytes: 1,
        sha256: 'k',
        uploadedBy: w.staff.convenor.id,
      })
      .returning();
    await confirmPublicTexts(w.db, matter.id, w.staff.convenor.id);
    const response = await web.inject({ url: `/public/matters/${matter.id}`, headers: { host: 'yishi.example' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    const html = response.body;
    expect(html).toContain('<title>某居民提议的楼道灯更换 · 议事</title>');
    expect(meta(html, 'og:title')).toBe('某居民提议的楼道灯更换 · 议事');
    expect(meta(html, 'og:description')).toBe('社区工作人员主持，同意更换5幢全部楼道灯，电话（电话略）。');
    expect(meta(html, 'description')).toBe(meta(html, 'og:description'));
    expect(meta(html, 'og:image')).toBe(`http://yishi.example/api/public/matter-files/${after!.id}`);
    for (const word of ['张阿姨', '王主任', '13812345678']) expect(html).not.toContain(word);
  });

  it('uses the default image without an after photo, and the plain page for a non-public matter', async () => {
    const plain = await buildMatter(w.db, {
      placeId: w.territory.building.id,
      proposerAccountId: w.residentAccountId,
      status: 'archived',
      visibility: 'public',
      title: '无照片的公开事项',
    });
    const noPhoto = (await web.inject({ url: `/public/matters/${plain.id}`, headers: { host: 'h' } })).body;
    expect(meta(noPhoto, 'og:image')).toBe('http://h/share.png');
    expect(meta(noPhoto, 'og:description')).toBe('社区议事协商成果');
    const hidden = await buildMatter(w.db, {
      placeId: w.territory.building.id,
      proposerAccountId: w.residentAccountId,
      status: 'resolved',
      visibility: 'community',
      title: '社区内部事项',
    });
    for (const url of [`/public/matters/${hidden.id}`, '/public/matters/999999', '/public/matters/abc']) {
      const response = await web.inject({ url });
      expect(response.statusCode).toBe(200);
      expect(response.body).toBe(INDEX);
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('gives /showcase its own title and preview', async () => {
    const html = (await web.inject({ url: '/showcase', headers: { host: 'h' } })).body;
    expect(html).toContain('<title>成果展示 · 议事</title>');
    expect(meta(html, 'og:title')).toBe('成果展示 · 议事');
    expect(meta(html, 'og:image')).toBe('http://h/share.png');
  });
});
