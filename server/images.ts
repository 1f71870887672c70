import sharp, { type Sharp } from 'sharp';
import { AppError, notFound } from './errors';
import { sniffImage, type ImageType } from './storage';

/** The longest side a stored photo keeps: sharp enough for a notice board, small on a phone. */
export const MAX_IMAGE_SIDE = 2560;
/** Pixels an upload may decode to (a 108 MP phone photo fits); more is a decompression bomb. */
export const MAX_IMAGE_MEGAPIXELS = 120;

/** A photo as it is stored and served: re-encoded, upright, at most MAX_IMAGE_SIDE, no metadata. */
export type CleanImage = { contentType: ImageType; bytes: Buffer };

const encoders: Record<ImageType, (image: Sharp) => Sharp> = {
  'image/jpeg': (image) => image.jpeg({ quality: 85 }),
  'image/png': (image) => image.png(),
  'image/webp': (image) => image.webp({ quality: 85 }),
};

/**
 * Decodes an uploaded image and encodes it afresh in its own format (JPEG, PNG or WebP, judged by its
 * first bytes): turned upright by its EXIF orientation, longest side capped, and without any metadata
 * (EXIF with GPS, XMP, IPTC, comments), which sharp drops unless asked to keep it. Anything that
 * does not decode is a 400; more than MAX_IMAGE_MEGAPIXELS is a 413; `field` names the form field.
 */
export async function reencodeImage(bytes: Buffer, field: string): Promise<CleanImage> {
  const contentType = sniffImage(bytes);
  if (!contentType) throw new AppError(400, 'image.unreadable', { field });
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_IMAGE_MEGAPIXELS * 1_000_000, failOn: 'error' })
      .rotate()
      .resize({ width: MAX_IMAGE_SIDE, height: MAX_IMAGE_SIDE, fit: 'inside', withoutEnlargement: true });
    return { contentType, bytes: await encoders[contentType](image).toBuffer() };
  } catch (error) {
    if (/pixel limit/i.test((error as Error).message)) {
      throw new AppError(413, 'image.too_many_pixels', { field, params: { maxMegapixels: MAX_IMAGE_MEGAPIXELS } });
    }
    throw new AppError(400, 'image.unreadable', { field });
  }
}

/** Whether an image carries metadata a re-encode would drop (EXIF, XMP, IPTC, text comments). */
export async function carriesMetadata(bytes: Buffer): Promise<boolean> {
  const meta = await sharp(bytes).metadata();
  return Boolean(meta.exif || meta.xmp || meta.iptc || meta.comments?.length || meta.tifftagPhotoshop);
}

/**
 * The bytes to serve for a stored file: an image stored before uploads were re-encoded may still carry
 * EXIF (GPS), so it is re-encoded on the way out; clean images and other files pass unchanged.
 */
export async function servableFile(file: { contentType: string; bytes: Buffer }): Promise<Buffer> {
  if (!sniffImage(file.bytes)) return file.bytes;
  try {
    if (!(await carriesMetadata(file.bytes))) return file.bytes;
    return (await reencodeImage(file.bytes, 'file')).bytes;
  } catch {
    // An old stored file that no longer decodes is not served as it was: it may hold anything.
    throw notFound('file');
  }
}

/** A photo sized for print: upright, longest side at most `maxSide`, JPEG on white, and its pixel size. */
export type PrintImage = { bytes: Buffer; width: number; height: number };

/**
 * Downscales a stored photo for a printed file (the .docx dossier): JPEG whatever it was stored as
 * (Word has no WebP), transparency on white, no metadata. Undefined if it does not decode.
 */
export async function printableImage(bytes: Buffer, maxSide: number): Promise<PrintImage | undefined> {
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_IMAGE_MEGAPIXELS * 1_000_000, failOn: 'error' })
      .rotate()
      .resize({ width: maxSide, height: maxSide, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    return { bytes: data, width: info.width, height: info.height };
  } catch {
    return undefined;
  }
}
