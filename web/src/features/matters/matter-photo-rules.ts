/** Client-side checks of photos sent with a matter, mirroring the server (no Vue, no I/O). */

export const MAX_MATTER_PHOTOS = 9;
export const MAX_MATTER_PHOTO_BYTES = 10 * 1024 * 1024;
const PHOTO_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp'];

export type MatterPhotoRefusal = 'tooMany' | 'type' | 'tooLarge';

/**
 * Adds picked files after those already chosen, keeping at most nine acceptable ones, and names the
 * first reason any file was left out so the form can say so before anything is sent.
 */
export function pickMatterPhotos<T extends { type: string; size: number }>(
  chosen: readonly T[],
  picked: readonly T[],
): { photos: T[]; refused: MatterPhotoRefusal | null } {
  const photos = [...chosen];
  let refused: MatterPhotoRefusal | null = null;
  for (const file of picked) {
    if (!PHOTO_TYPES.includes(file.type)) refused ??= 'type';
    else if (file.size > MAX_MATTER_PHOTO_BYTES) refused ??= 'tooLarge';
    else if (photos.length >= MAX_MATTER_PHOTOS) refused ??= 'tooMany';
    else photos.push(file);
  }
  return { photos, refused };
}
