import type { FastifyRequest } from 'fastify';
import type { PhotoPurpose } from '../../../domain/matters/photos';
import type { DbOrTx } from '../../db/client';
import { AppError } from '../../errors';
import { reencodeImage } from '../../images';
import { requireActor } from '../../plugins/session';
import { assertReadableText } from '../../plugins/text-input';
import { sniffImage, type FileStorage, type ImageType } from '../../storage';
import { insertMatterFile } from './matters.repository';

export const MAX_PHOTOS = 9;
export const MAX_PHOTO_MB = 10;

/** An uploaded photo, re-encoded: upright, at most 2560 px, without EXIF (GPS) or other metadata. */
export type Photo = { fileName: string; contentType: ImageType; bytes: Buffer };

const photosOf = new WeakMap<FastifyRequest, Photo[]>();
const tooMany = () => new AppError(400, 'matter.too_many_photos', { field: 'photos', params: { max: MAX_PHOTOS } });

/**
 * A preValidation hook for a route that takes JSON or multipart/form-data: the text fields become the
 * body the route's schema validates (through `toBody`), and up to nine `photos` (JPEG, PNG or WebP,
 * judged by their first bytes, ≤10 MB each) are re-encoded without metadata and kept aside for the
 * handler (`uploadedPhotos`). A bad photo refuses the whole request before anything is written. JSON
 * requests pass through untouched.
 */
export function readPhotoForm(toBody: (fields: Record<string, string>) => unknown) {
  return async (request: FastifyRequest) => {
    if (!request.isMultipart()) return;
    requireActor(request); // read nobody's upload before knowing who sends it
    const fields: Record<string, string> = {};
    const photos: Photo[] = [];
    try {
      const parts = request.parts({ limits: { files: MAX_PHOTOS + 1, fileSize: MAX_PHOTO_MB * 1024 * 1024 } });
      for await (const part of parts) {
        if (part.type === 'field') {
          fields[part.fieldname] = String(part.value);
          continue;
        }
        const bytes = await part.toBuffer();
        if (photos.length === MAX_PHOTOS) throw tooMany();
        if (part.filename) assertReadableText(part.filename, 'photos');
        if (!sniffImage(bytes)) throw new AppError(400, 'matter.photo_type', { field: 'photos' });
        photos.push({ fileName: part.filename || 'photo', ...(await reencodeImage(bytes, 'photos')) });
      }
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'FST_FILES_LIMIT') throw tooMany();
      if (code === 'FST_REQ_FILE_TOO_LARGE') {
        throw new AppError(413, 'matter.photo_too_large', { field: 'photos', params: { maxMb: MAX_PHOTO_MB } });
      }
      throw error;
    }
    request.body = toBody(fields);
    photosOf.set(request, photos);
  };
}

/** The photos read by a `readPhotoForm` hook (none for a JSON request). */
export const uploadedPhotos = (request: FastifyRequest): Photo[] => photosOf.get(request) ?? [];

/**
 * Stores photos by content and lists them in matter_files, inside the caller's transaction so a
 * refused command leaves no rows. Returns the new file ids in upload order.
 */
export async function storeMatterPhotos(
  tx: DbOrTx,
  storage: FileStorage,
  target: {
    matterId: number;
    purpose: Exclude<PhotoPurpose, 'minutes' | 'other'>;
    uploadedBy: number;
    taskProgressId?: number;
  },
  photos: Photo[],
): Promise<number[]> {
  const ids: number[] = [];
  for (const photo of photos) {
    const stored = await storage.put(photo.bytes);
    const id = await insertMatterFile(tx, {
      matterId: target.matterId,
      purpose: target.purpose,
      taskProgressId: target.taskProgressId ?? null,
      storageKey: stored.key,
      fileName: photo.fileName.slice(0, 200),
      contentType: photo.contentType,
      sizeBytes: stored.sizeBytes,
      sha256: stored.sha256,
      uploadedBy: target.uploadedBy,
    });
    ids.push(id);
  }
  return ids;
}
