import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { carriesMetadata, MAX_IMAGE_SIDE, reencodeImage, servableFile } from './images';
import { buildJpegWithGps, buildPng, holdsExif } from './test/images';

/** A PNG whose header (IHDR) claims another size, its checksum mended: a decompression bomb's shape. */
function withPngSize(png: Buffer, width: number, height: number): Buffer {
  const bytes = Buffer.from(png);
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  bytes.writeUInt32BE(crc32(bytes.subarray(12, 29)), 29);
  return bytes;
}

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

describe('reencodeImage', () => {
  it('drops EXIF (GPS) and turns the photo upright by its orientation', async () => {
    const original = await buildJpegWithGps(40, 30);
    expect(await carriesMetadata(original)).toBe(true);
    expect(holdsExif(original)).toBe(true);
    const clean = await reencodeImage(original, 'photos');
    expect(clean.contentType).toBe('image/jpeg');
    const meta = await sharp(clean.bytes).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 30, height: 40 });
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(holdsExif(clean.bytes)).toBe(false);
  });

  it('keeps PNG as PNG and caps the longest side', async () => {
    const clean = await reencodeImage(await buildPng(3000, 1000), 'photos');
    expect(clean.contentType).toBe('image/png');
    expect(await sharp(clean.bytes).metadata()).toMatchObject({ width: MAX_IMAGE_SIDE, height: 853 });
  });

  it('refuses bytes that only look like an image (400) and a decompression bomb (413)', async () => {
    const fake = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    expect(await refusal(reencodeImage(fake, 'photos'))).toMatchObject({
      status: 400,
      code: 'image.unreadable',
      options: { field: 'photos' },
    });
    // A PNG whose header claims 12,000 × 12,000: 144 megapixels once decoded, whatever its size.
    const bomb = withPngSize(await buildPng(), 12_000, 12_000);
    expect(await refusal(reencodeImage(bomb, 'photos'))).toMatchObject({ status: 413, code: 'image.too_many_pixels' });
  });
});

describe('servableFile', () => {
  it('re-encodes a stored photo that still carries EXIF, and passes clean images and PDFs as they are', async () => {
    const old = await buildJpegWithGps();
    const served = await servableFile({ contentType: 'image/jpeg', bytes: old });
    expect((await sharp(served).metadata()).exif).toBeUndefined();
    const png = await buildPng();
    expect(await servableFile({ contentType: 'image/png', bytes: png })).toBe(png);
    const pdf = Buffer.from('%PDF-1.4\n%…');
    expect(await servableFile({ contentType: 'application/pdf', bytes: pdf })).toBe(pdf);
  });
});
