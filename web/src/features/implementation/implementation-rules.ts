/** Pure rules of the implementation and review forms (no Vue, no I/O). */

import { isDecided, type MatterStatus } from '../../../../domain/matters/stages';

/** Mirrors the server: at most nine photos, JPEG/PNG/WebP, ≤10 MB each. */
export const MAX_PHOTOS = 9;
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

export type PhotoRefusal = 'tooMany' | 'type' | 'tooLarge';

/**
 * Adds picked files to those already chosen, keeping the first nine acceptable ones; says why any
 * were left out (the first reason met), so the form can tell the user before anything is sent.
 */
export function addPhotos<T extends { type: string; size: number }>(
  chosen: readonly T[],
  picked: readonly T[],
): { photos: T[]; refused: PhotoRefusal | null } {
  const photos = [...chosen];
  let refused: PhotoRefusal | null = null;
  for (const file of picked) {
    if (!(PHOTO_TYPES as readonly string[]).includes(file.type)) refused ??= 'type';
    else if (file.size > MAX_PHOTO_BYTES) refused ??= 'tooLarge';
    else if (photos.length >= MAX_PHOTOS) refused ??= 'tooMany';
    else photos.push(file);
  }
  return { photos, refused };
}

/** Removes the photo at `index`. */
export function removePhoto<T>(chosen: readonly T[], index: number): T[] {
  return chosen.filter((_, i) => i !== index);
}

/** `2026-12-02`: a date `days` after `from`, in the browser's calendar (a task's default due day). */
export function dayAfter(from: Date, days: number): string {
  const d = new Date(from.getFullYear(), from.getMonth(), from.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A whole percent 0–100 from any input (empty or junk counts as 0). */
export function clampPercent(value: unknown): number {
  const n = Math.round(Number(value));
  if (!Number.isFinite(n)) return 0;
  return Math.min(100, Math.max(0, n));
}

/** The five star values, each filled when at or below the chosen rating. */
export function starStates(rating: number): { value: number; isFilled: boolean }[] {
  return [1, 2, 3, 4, 5].map((value) => ({ value, isFilled: value <= rating }));
}

/** Whether the matter has a public, redacted page (`/public/matters/:id`): public and decided. */
export function hasPublicPage(matter: { visibility: string; status: MatterStatus }): boolean {
  return matter.visibility === 'public' && isDecided(matter.status);
}
