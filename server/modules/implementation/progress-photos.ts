import { readPhotoForm, uploadedPhotos } from '../matters';

export { MAX_PHOTOS, MAX_PHOTO_MB, type Photo } from '../matters';

/**
 * preValidation of a progress entry sent as multipart/form-data: `note` and `percent` become the body
 * the route's schema validates; up to nine photos are kept aside (the shared matter photo form).
 */
export const readProgressForm = readPhotoForm((fields) => ({
  note: fields.note,
  percent: fields.percent?.trim() ? Number(fields.percent) : undefined,
}));

/** The photos read by `readProgressForm` (none for a JSON request). */
export const progressPhotos = uploadedPhotos;
