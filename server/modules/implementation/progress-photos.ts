import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors';
import { requireActor } from '../../plugins/session';
import { sniffImage, type ImageType } from '../../storage';

export const MAX_PHOTOS = 9;
export const MAX_PHOTO_MB = 10;

export type Photo = { fileName: string; contentType: ImageType; bytes: Buffer };

const photosOf = new WeakMap<FastifyRequest, Photo[]>();
const tooMany = () => new AppError(400, 'matter.too_many_photos', { field: 'photos', params: { max: MAX_PHOTOS } });

/**
 * preValidation of a progress entry sent as multipart/form-data: the `note` and `percent` fields
 * become the body the route's schema validates, and up to nine photos (JPEG, PNG or WebP, judged by
 * their first bytes) are kept aside for the handler. JSON requests pass through untouched.
 */
export async function readProgressForm(request: FastifyRequest) {
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
      const contentType = sniffImage(bytes);
      if (!contentType) throw new AppError(400, 'matter.photo_type', { field: 'photos' });
      photos.push({ fileName: part.filename || 'photo', contentType, bytes });
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'FST_FILES_LIMIT') throw tooMany();
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(413, 'matter.photo_too_large', { field: 'photos', params: { maxMb: MAX_PHOTO_MB } });
    }
    throw error;
  }
  const percent = fields.percent?.trim() ? Number(fields.percent) : undefined;
  request.body = { note: fields.note, percent };
  photosOf.set(request, photos);
}

/** The photos read by `readProgressForm` (none for a JSON request). */
export const progressPhotos = (request: FastifyRequest): Photo[] => photosOf.get(request) ?? [];
