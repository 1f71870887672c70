import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matterFiles, tasks } from './db/schema';
import { LocalFolderStorage } from './storage';
import { afterDeliberationWorld, expectError, type AfterDeliberationWorld } from './test/after-deliberation.fixtures';
import type { TestClient } from './test/build-test-app';
import { buildJpegWithGps, holdsExif } from './test/images';
import { buildMatter } from './test/matter-factories';
import { multipartForm } from './test/multipart-form';

/**
 * Photos keep no EXIF (GPS) once stored: uploaded on every route that takes images, then fetched back
 * from every route that serves them, staff and public. Files stored before re-encoding are cleaned
 * on the way out.
 */
let w: AfterDeliberationWorld;
let dataDir: string;
let decided: { id: number };
let phonePhoto: Buffer;

const expectNoMetadata = async (bytes: Buffer, label: string) => {
  const meta = await sharp(bytes).metadata();
  expect(meta.format, label).toBe('jpeg');
  expect(meta.exif, label).toBeUndefined();
  expect(meta.xmp, label).toBeUndefined();
  expect(meta.iptc, label).toBeUndefined();
  expect(holdsExif(bytes), label).toBe(false);
  // Orientation 6 was applied: the 40×30 sensor image now stands upright.
  expect([meta.width, meta.height], label).toEqual([30, 40]);
};

const fetchOk = async (client: TestClient, url: string) => {
  const response = await client.get(url);
  expect(response.statusCode, `${url}: ${response.body.slice(0, 200)}`).toBe(200);
  return response.rawPayload;
};

const upload = (client: TestClient, url: string, fields: Record<string, string>, name = 'IMG_0001.jpg') =>
  client.request({
    method: 'POST',
    url,
    ...multipartForm(fields, [{ name, bytes: phonePhoto, type: 'image/jpeg' }]),
  });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'yishi-images-'));
  w = await afterDeliberationWorld({ YISHI_DATA_DIR: dataDir });
  phonePhoto = await buildJpegWithGps(40, 30);
  expect(holdsExif(phonePhoto)).toBe(true);
  decided = await buildMatter(w.db, {
    placeId: w.territory.building.id,
    proposerAccountId: w.residentAccountId,
    status: 'implementing',
    visibility: 'public',
    convenorAccountId: w.staff.convenor.id,
  });
});
afterAll(async () => {
  await w.t.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('photos without metadata', () => {
  it('stores and serves a raised matter photo, a progress photo and a showcase photo without EXIF or GPS', async () => {
    const raised = await upload(w.clients.resident, '/api/matters', {
      placeId: String(w.territory.building.id),
      level: 'building',
      category: 'facilities',
      title: '楼道灯坏了',
      description: '二楼的灯不亮',
    });
    expect(raised.statusCode, raised.body).toBe(201);
    const [task] = await w.db
      .insert(tasks)
      .values({
        matterId: decided.id,
        title: '电梯井施工',
        ownerName: '物业',
        dueOn: '2030-01-01',
        createdBy: w.staff.convenor.id,
      })
      .returning();
    const progress = await upload(w.clients.convenor, `/api/tasks/${task!.id}/progress`, {
      note: '井道',
      percent: '30',
    });
    expect(progress.statusCode, progress.body).toBe(201);
    const after = await upload(w.clients.convenor, `/api/matters/${decided.id}/showcase-photos`, { purpose: 'after' });
    expect(after.statusCode, after.body).toBe(201);

    const files = await w.db.select().from(matterFiles);
    expect(files.map((f) => f.purpose).sort()).toEqual(['after', 'progress', 'raised']);
    // On disk: nothing anywhere in the files folder still holds the GPS fix.
    for (const name of await readdir(path.join(dataDir, 'files'))) {
      expect(holdsExif(await readFile(path.join(dataDir, 'files', name))), name).toBe(false);
    }
    for (const file of files) {
      expect(file.contentType).toBe('image/jpeg');
      await expectNoMetadata(
        await fetchOk(w.clients.convenor, `/api/matter-files/${file.id}`),
        `staff ${file.purpose}`,
      );
    }
    const afterId = (after.json() as { fileIds: number[] }).fileIds[0]!;
    await expectNoMetadata(await fetchOk(w.clients.anonymous, `/api/public/matter-files/${afterId}`), 'public after');
  });

  it('cleans a photo stored before uploads were re-encoded when it is served, staff and public alike', async () => {
    const stored = await new LocalFolderStorage(path.join(dataDir, 'files')).put(phonePhoto);
    const [old] = await w.db
      .insert(matterFiles)
      .values({
        matterId: decided.id,
        purpose: 'before',
        storageKey: stored.key,
        fileName: 'old.jpg',
        contentType: 'image/jpeg',
        sizeBytes: stored.sizeBytes,
        sha256: stored.sha256,
        uploadedBy: w.staff.convenor.id,
      })
      .returning();
    await expectNoMetadata(await fetchOk(w.clients.anonymous, `/api/public/matter-files/${old!.id}`), 'public old');
    await expectNoMetadata(await fetchOk(w.clients.resident, `/api/matter-files/${old!.id}`), 'staff old');
    // The stored row is left as it was: serving does not rewrite history.
    const [row] = await w.db.select().from(matterFiles).where(eq(matterFiles.id, old!.id));
    expect(row!.sha256).toBe(stored.sha256);
  });

  it('refuses a file that only starts like a JPEG (400) and writes nothing', async () => {
    const before = (await w.db.select().from(matterFiles)).length;
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('not really a photo')]);
    const sent = await w.clients.convenor.request({
      method: 'POST',
      url: `/api/matters/${decided.id}/showcase-photos`,
      ...multipartForm({ purpose: 'before' }, [{ name: 'x.jpg', bytes: fake, type: 'image/jpeg' }]),
    });
    expectError(sent, 400, { code: 'image.unreadable', field: 'photos' });
    expect((await w.db.select().from(matterFiles)).length).toBe(before);
  });
});
