import JSZip from 'jszip';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matterFiles } from '../../db/schema';
import { afterDeliberationWorld, type AfterDeliberationWorld } from '../../test/after-deliberation.fixtures';
import { buildJpegWithGps, buildPng, holdsExif } from '../../test/images';
import { multipartForm } from '../../test/multipart-form';
import { DOSSIER_PHOTO_SIDE, MAX_DOSSIER_PHOTOS } from './archive.service';
import { fitToPage } from './archive.docx-photos';

/** The .docx as its parts: document text, the images it embeds, and the relationships that point at them. */
async function readDocx(bytes: Buffer) {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
  const media = Object.keys(zip.files).filter((name) => name.startsWith('word/media/'));
  const images = await Promise.all(media.map((name) => zip.file(name)!.async('nodebuffer')));
  const embedded = [...xml.matchAll(/r:embed="([^"]+)"/g)].map((m) => m[1]!);
  return { xml, text: xml.replace(/<[^>]+>/g, ''), rels, media, images, embedded };
}

describe('photos in the .docx dossier', () => {
  let w: AfterDeliberationWorld;
  const upload = (matterId: number, purpose: string, photos: { name: string; bytes: Buffer }[]) =>
    w.clients.convenor.request({
      method: 'POST',
      url: `/api/matters/${matterId}/showcase-photos`,
      ...multipartForm({ purpose }, photos),
    });

  beforeAll(async () => {
    w = await afterDeliberationWorld();
  });
  afterAll(async () => w.t.close());

  it('embeds before/after photos as images with captions, downscaled, without GPS, referenced by the document', async () => {
    const m = await w.matterAt('reviewed', '河滨路路灯修复');
    const wide = await buildPng(3000, 1500);
    expect(
      (await upload(m.id, 'before', [{ name: 'before.jpg', bytes: await buildJpegWithGps(400, 300) }])).statusCode,
    ).toBe(201);
    expect((await upload(m.id, 'after', [{ name: 'after.png', bytes: wide }])).statusCode).toBe(201);
    // A photo whose stored file is gone is printed as missing; the file still builds.
    await w.db.insert(matterFiles).values({
      matterId: m.id,
      purpose: 'raised',
      storageKey: 'f'.repeat(64),
      fileName: 'lost.jpg',
      contentType: 'image/jpeg',
      sizeBytes: 1,
      sha256: 'f'.repeat(64),
      uploadedBy: w.residentAccountId,
    });

    const response = await w.clients.convenor.get(`/api/matters/${m.id}/file.docx`);
    expect(response.statusCode, response.body).toBe(200);
    const docx = await readDocx(response.rawPayload);
    expect(docx.media).toHaveLength(2);
    expect(docx.embedded).toHaveLength(2);
    for (const id of docx.embedded) expect(docx.rels).toMatch(new RegExp(`Id="${id}"[^>]*Target="media/`));
    for (const image of docx.images) {
      const meta = await sharp(image).metadata();
      expect(meta.format).toBe('jpeg');
      expect(Math.max(meta.width, meta.height)).toBeLessThanOrEqual(DOSSIER_PHOTO_SIDE);
      expect(holdsExif(image)).toBe(false);
    }
    // The camera photo is stored sideways (EXIF orientation 6): printed upright, 300×400.
    const sizes = await Promise.all(docx.images.map(async (i) => (await sharp(i).metadata()).width));
    expect(sizes.sort((a, b) => a - b)).toEqual([300, 1600]);
    expect(docx.text).toContain('九、照片');
    expect(docx.text).toMatch(/图 1 +改造前照片 · \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}/);
    expect(docx.text).toMatch(/图 2 +改造后照片 · /);
    expect(docx.text).toContain('图 3  提出事项时的照片');
    expect(docx.text).toContain('文件缺失或无法读取');
    // Fitted to the text width, aspect ratio kept: 600×300 px at 96 dpi = 5715000×2857500 EMU.
    expect(docx.xml).toContain('cx="5715000" cy="2857500"');
  });

  it('caps the photos it prints and says how many it left out', async () => {
    const m = await w.matterAt('reviewed', '小区绿化补种');
    const photos = Array.from({ length: 9 }, (_, i) => ({ name: `p${i}.png`, bytes: Buffer.alloc(0) }));
    for (const [purpose, count] of [
      ['before', 9],
      ['after', 9],
      ['after', 4],
    ] as const) {
      const batch = await Promise.all(
        photos.slice(0, count).map(async (p, i) => ({ ...p, bytes: await buildPng(8 + i, 6) })),
      );
      expect((await upload(m.id, purpose, batch)).statusCode).toBe(201);
    }
    const docx = await readDocx((await w.clients.convenor.get(`/api/matters/${m.id}/file.docx`)).rawPayload);
    expect(docx.embedded).toHaveLength(MAX_DOSSIER_PHOTOS);
    expect(docx.text).toContain(`另有 ${22 - MAX_DOSSIER_PHOTOS} 张照片未收入本文件`);
  });

  it('builds the file of a matter without photos', async () => {
    const m = await w.matterAt('reviewed', '楼道堆物清理');
    const response = await w.clients.convenor.get(`/api/matters/${m.id}/file.docx`);
    expect(response.statusCode).toBe(200);
    const docx = await readDocx(response.rawPayload);
    expect(docx.media).toHaveLength(0);
    expect(docx.text).toContain('九、照片（无）');
  });

  it('fits a photo to the page width or height, keeping its aspect ratio', () => {
    expect(fitToPage(3000, 1500)).toEqual({ width: 600, height: 300 });
    expect(fitToPage(300, 400)).toEqual({ width: 420, height: 560 });
    expect(fitToPage(4, 3)).toEqual({ width: 600, height: 450 });
  });
});
