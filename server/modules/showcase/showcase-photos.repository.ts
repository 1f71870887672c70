import { and, asc, eq, inArray } from 'drizzle-orm';
import { showcasePhotoPurposes } from '../../../domain/matters/photos';
import type { DbOrTx } from '../../db/client';
import { matterFiles } from '../../db/schema';

const isShowcasePhoto = inArray(matterFiles.purpose, [...showcasePhotoPurposes]);

/** A matter's before/after photos, oldest first (the showcase pairs the first before with the latest after). */
export function showcasePhotosOf(db: DbOrTx, matterId: number) {
  return db
    .select({ id: matterFiles.id, purpose: matterFiles.purpose, createdAt: matterFiles.createdAt })
    .from(matterFiles)
    .where(and(eq(matterFiles.matterId, matterId), isShowcasePhoto))
    .orderBy(asc(matterFiles.id));
}

/** One before/after photo of the matter, or undefined (another matter's file or another purpose). */
export async function findShowcasePhoto(db: DbOrTx, matterId: number, fileId: number) {
  const [row] = await db
    .select({ id: matterFiles.id, purpose: matterFiles.purpose, sha256: matterFiles.sha256 })
    .from(matterFiles)
    .where(and(eq(matterFiles.id, fileId), eq(matterFiles.matterId, matterId), isShowcasePhoto));
  return row;
}

/** Takes a photo off the matter's list; the stored bytes stay (content-addressed, maybe shared). */
export async function deleteShowcasePhoto(db: DbOrTx, fileId: number) {
  await db.delete(matterFiles).where(eq(matterFiles.id, fileId));
}
