import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matterFiles, matters } from '../../db/schema';
import { buildResident, buildTerritory } from '../../test/factories';
import { buildTestApp, TestClient, type TestApp } from '../../test/build-test-app';
import { multipartForm } from '../../test/multipart-form';
import sharp from 'sharp';
import { buildJpeg, buildPng } from '../../test/images';

const PNG = await buildPng();
const JPEG = await buildJpeg();
/** Format and size of image bytes: stored photos are re-encoded, so their bytes differ from the upload. */
const imageOf = async (bytes: Buffer) => {
  const { format, width, height } = await sharp(bytes).metadata();
  return { format, width, height };
};

describe('raising a matter with photos', () => {
  let t: TestApp;
  let dataDir: string;
  let resident: TestClient;
  let outsider: TestClient;
  let fields: Record<string, string>;
  const raise = (client: TestClient, body: ReturnType<typeof multipartForm>) =>
    client.request({ method: 'POST', url: '/api/matters', ...body });
  const countRows = async () => ({
    matters: (await t.database.db.select({ id: matters.id }).from(matters)).length,
    files: (await t.database.db.select({ id: matterFiles.id }).from(matterFiles)).length,
  });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'yishi-raise-files-'));
    t = await buildTestApp({ YISHI_DATA_DIR: dataDir });
    const territory = await buildTerritory(t.database.db);
    await buildResident(t.database.db, { placeId: territory.unit2.id, phone: '13800000201', name: '王阿姨' });
    await buildResident(t.database.db, { placeId: territory.otherCommunity.id, phone: '13800000202' });
    resident = await t.loginByCode('13800000201');
    outsider = await t.loginByCode('13800000202');
    fields = {
      placeId: String(territory.building.id),
      level: 'building',
      category: 'facilities',
      title: '5幢楼道灯坏了',
      description: '二楼到五楼的灯都不亮。',
    };
  });
  afterAll(async () => {
    await t.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stores two photos with the matter and lists them on the matter page', async () => {
    const sent = await raise(
      resident,
      multipartForm(fields, [
        { name: '楼道.png', bytes: PNG },
        { name: '灯.jpg', bytes: JPEG, type: 'application/octet-stream' },
      ]),
    );
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({ title: '5幢楼道灯坏了', status: 'raised', level: 'building' });
    const files = await t.database.db.select().from(matterFiles).where(eq(matterFiles.matterId, sent.json().id));
    expect(files.map((f) => [f.purpose, f.contentType, f.fileName])).toEqual([
      ['raised', 'image/png', '楼道.png'],
      ['raised', 'image/jpeg', '灯.jpg'],
    ]);
    expect(await imageOf(await readFile(path.join(dataDir, 'files', files[1]!.sha256)))).toEqual(await imageOf(JPEG));

    const page = (await resident.get(`/api/matters/${sent.json().id}`)).json();
    expect(page.photos).toEqual(files.map((f) => ({ id: f.id })));
    const photo = await resident.get(`/api/matter-files/${files[0]!.id}`);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(await imageOf(photo.rawPayload)).toEqual(await imageOf(PNG));
  });

  it('still takes a plain JSON raise, with no photos', async () => {
    const sent = await resident.post('/api/matters', { ...fields, placeId: Number(fields.placeId), title: '单元门禁' });
    expect(sent.statusCode, sent.body).toBe(201);
    expect((await resident.get(`/api/matters/${sent.json().id}`)).json().photos).toEqual([]);
  });

  it('refuses a tenth photo and writes neither the matter nor any file', async () => {
    const before = await countRows();
    const ten = Array.from({ length: 10 }, (_, i) => ({ name: `p${i}.png`, bytes: PNG }));
    const sent = await raise(resident, multipartForm(fields, ten));
    expect(sent.statusCode).toBe(400);
    expect(sent.json()).toMatchObject({ error: { code: 'matter.too_many_photos', field: 'photos' } });
    expect(await countRows()).toEqual(before);
  });

  it('refuses a text file renamed .jpg, whatever type it claims, and writes nothing', async () => {
    const before = await countRows();
    const sent = await raise(
      resident,
      multipartForm(fields, [
        { name: 'ok.png', bytes: PNG },
        { name: 'notes.jpg', bytes: Buffer.from('just some text'), type: 'image/jpeg' },
      ]),
    );
    expect(sent.statusCode).toBe(400);
    expect(sent.json()).toMatchObject({ error: { code: 'matter.photo_type', field: 'photos' } });
    expect(await countRows()).toEqual(before);
  });

  it('validates the text fields of a multipart raise like a JSON one', async () => {
    const sent = await raise(resident, multipartForm({ ...fields, title: '' }, [{ name: 'a.png', bytes: PNG }]));
    expect(sent.statusCode).toBe(400);
    expect(sent.json()).toMatchObject({ error: { field: 'title' } });
  });

  it("hides the photo from another community's resident and from the anonymous", async () => {
    const sent = await raise(
      resident,
      multipartForm({ ...fields, title: '垃圾房漏水' }, [{ name: 'a.png', bytes: PNG }]),
    );
    expect(sent.statusCode, sent.body).toBe(201);
    const [file] = await t.database.db.select().from(matterFiles).where(eq(matterFiles.matterId, sent.json().id));
    expect((await outsider.get(`/api/matter-files/${file!.id}`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/matters/${sent.json().id}`)).statusCode).toBe(404);
    expect((await t.anonymous().get(`/api/matter-files/${file!.id}`)).statusCode).toBe(401);
  });
});
