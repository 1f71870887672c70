import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matterFiles } from '../../db/schema';
import { expectError, type AfterDeliberationWorld } from '../../test/after-deliberation.fixtures';
import { buildJpegWithGps, buildPng, holdsExif } from '../../test/images';
import { buildMatter } from '../../test/matter-factories';
import { multipartForm } from '../../test/multipart-form';
import { showcaseWorld } from '../../test/showcase.fixtures';

type Client = AfterDeliberationWorld['clients']['convenor'];
let w: AfterDeliberationWorld;
let decided: { id: number };
let undecided: { id: number };

const url = (matterId: number) => `/api/matters/${matterId}/showcase-photos`;
const upload = (client: Client, matterId: number, purpose: string, photos: { name: string; bytes: Buffer }[]) =>
  client.request({ method: 'POST', url: url(matterId), ...multipartForm({ purpose }, photos) });
const photoCount = async (matterId: number) =>
  (await w.db.select().from(matterFiles).where(eq(matterFiles.matterId, matterId))).length;

beforeAll(async () => {
  ({ w, decided, undecided } = await showcaseWorld());
});
afterAll(async () => w.t.close());

describe('showcase photos: upload, preview, remove', () => {
  let beforeId: number;
  let afterId: number;

  it('uploads a camera photo without its GPS fix, lists it for the preview and shows it on the showcase', async () => {
    const camera = await buildJpegWithGps(400, 300);
    expect(holdsExif(camera)).toBe(true);
    const before = await upload(w.clients.convenor, decided.id, 'before', [{ name: 'IMG_0001.jpg', bytes: camera }]);
    expect(before.statusCode, before.body).toBe(201);
    beforeId = before.json().fileIds[0];
    const after = await upload(w.clients.convenor, decided.id, 'after', [{ name: 'a.png', bytes: await buildPng() }]);
    afterId = after.json().fileIds[0];
    await w.expectLastAction(decided.id, 'showcase.photo');

    const list = await w.clients.convenor.get(url(decided.id));
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toEqual([
      { id: beforeId, purpose: 'before', createdAt: expect.any(String) },
      { id: afterId, purpose: 'after', createdAt: expect.any(String) },
    ]);
    for (const path of [`/api/matter-files/${beforeId}`, `/api/public/matter-files/${beforeId}`]) {
      const served = await w.clients.convenor.get(path);
      expect(served.statusCode).toBe(200);
      expect(holdsExif(served.rawPayload), path).toBe(false);
      // Turned upright by its EXIF orientation before the metadata went.
      expect(await sharp(served.rawPayload).metadata()).toMatchObject({ width: 300, height: 400 });
    }
    const extras = (await w.clients.anonymous.get(`/api/public/showcase/matters/${decided.id}`)).json();
    expect(extras.photos).toEqual({ before: [beforeId], after: [afterId] });
  });

  it('refuses a matter not yet decided (409) and an archived one, writing nothing', async () => {
    const photo = [{ name: 'x.png', bytes: await buildPng() }];
    expectError(await upload(w.clients.convenor, undecided.id, 'before', photo), 409, {
      code: 'matter.wrong_stage',
    });
    const archived = await buildMatter(w.db, {
      placeId: w.territory.building.id,
      proposerAccountId: w.residentAccountId,
      status: 'archived',
      visibility: 'public',
    });
    expect((await upload(w.clients.convenor, archived.id, 'after', photo)).statusCode).toBe(409);
    expect(await photoCount(undecided.id)).toBe(0);
    expect(await photoCount(archived.id)).toBe(0);
  });

  it('refuses someone else’s matter: a resident 403, another community 404 (upload, list, remove)', async () => {
    const photo = [{ name: 'x.png', bytes: await buildPng() }];
    expectError(await upload(w.clients.resident, decided.id, 'after', photo), 403, { code: 'access.denied' });
    expectError(await upload(w.clients.other, decided.id, 'after', photo), 404, { code: 'not_found' });
    expectError(await w.clients.other.get(url(decided.id)), 404, { code: 'not_found' });
    expectError(await w.clients.resident.delete(`${url(decided.id)}/${afterId}`), 403, { code: 'access.denied' });
    expectError(await w.clients.other.delete(`${url(decided.id)}/${afterId}`), 404, { code: 'not_found' });
    expectError(await w.clients.anonymous.delete(`${url(decided.id)}/${afterId}`), 401, {});
  });

  it('refuses what is not an image (400) and a file over 10 MB (413), localised, writing nothing', async () => {
    const count = await photoCount(decided.id);
    const text = Buffer.from('这不是照片');
    expectError(await upload(w.clients.convenor, decided.id, 'after', [{ name: 'a.txt', bytes: text }]), 400, {
      code: 'matter.photo_type',
      field: 'photos',
      message: '只支持 JPEG、PNG 或 WebP 图片',
    });
    const huge = Buffer.concat([await buildPng(), Buffer.alloc(11 * 1024 * 1024)]);
    expectError(await upload(w.clients.convenor, decided.id, 'after', [{ name: 'big.png', bytes: huge }]), 413, {
      code: 'matter.photo_too_large',
      field: 'photos',
    });
    expectError(await upload(w.clients.convenor, decided.id, 'raised', [{ name: 'x.png', bytes: text }]), 400, {});
    expect(await photoCount(decided.id)).toBe(count);
  });

  it('removes a photo once, even twice at once; it leaves the showcase and the chain records it', async () => {
    const [first, second] = await Promise.all([
      w.clients.convenor.delete(`${url(decided.id)}/${beforeId}`),
      w.clients.convenor.delete(`${url(decided.id)}/${beforeId}`),
    ]);
    expect([first!.statusCode, second!.statusCode].sort()).toEqual([200, 404]);
    await w.expectLastAction(decided.id, 'showcase.photo.remove');
    expect((await w.clients.convenor.get(url(decided.id))).json().items.map((i: { id: number }) => i.id)).toEqual([
      afterId,
    ]);
    expectError(await w.clients.anonymous.get(`/api/public/matter-files/${beforeId}`), 404, { code: 'not_found' });
  });

  it('removes only the matter’s own before/after photos: another matter’s, another kind or a bad id is refused', async () => {
    const other = await buildMatter(w.db, {
      placeId: w.territory.building.id,
      proposerAccountId: w.residentAccountId,
      status: 'resolved',
    });
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
    expectError(await w.clients.convenor.delete(`${url(other.id)}/${afterId}`), 404, { code: 'not_found' });
    expectError(await w.clients.convenor.delete(`${url(decided.id)}/${raised!.id}`), 404, { code: 'not_found' });
    expect((await w.clients.convenor.delete(`${url(decided.id)}/abc`)).statusCode).toBe(400);
    expect(await photoCount(decided.id)).toBe(2);
  });
});
