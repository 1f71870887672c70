import type { Actor } from '../../../domain/access';
import { isShowcasePhoto, type ShowcasePhotoPurpose } from '../../../domain/matters/photos';
import { isDecided } from '../../../domain/matters/stages';
import type { Db } from '../../db/client';
import { AppError, notFound } from '../../errors';
import type { FileStorage } from '../../storage';
import { loadVisibleMatter, runMatterCommand, storeMatterPhotos, type MatterRow, type Photo } from '../matters';
import { deleteShowcasePhoto, findShowcasePhoto, showcasePhotosOf } from './showcase-photos.repository';

/** 409 `matter.wrong_stage` before a resolution stands: before/after photos show a decided matter's result. */
function requireDecided(matter: MatterRow) {
  if (!isDecided(matter.status)) {
    throw new AppError(409, 'matter.wrong_stage', { details: { status: matter.status } });
  }
}

/**
 * Adds before/after photos of a decided matter for its showcase: managers of the matter's place, while
 * the matter can still be written to; appended to the matter's chain.
 */
export async function addShowcasePhotos(
  db: Db,
  storage: FileStorage,
  actor: Actor,
  matterId: number,
  purpose: ShowcasePhotoPurpose,
  photos: Photo[],
) {
  if (photos.length === 0) throw new AppError(400, 'showcase.photo_missing', { field: 'photo' });
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.manage',
    audit: 'showcase.photo',
    write: async (tx, matter) => {
      requireDecided(matter);
      const ids = await storeMatterPhotos(
        tx,
        storage,
        { matterId: matter.id, purpose, uploadedBy: actor.accountId },
        photos,
      );
      return { payload: { purpose, fileIds: ids }, result: { purpose, fileIds: ids } };
    },
  });
}

/** The matter's before/after photos, for whoever may see the matter (served by /api/matter-files/:id). */
export async function listShowcasePhotos(db: Db, actor: Actor, matterId: number) {
  await loadVisibleMatter(db, actor, matterId);
  const rows = await showcasePhotosOf(db, matterId);
  return {
    items: rows.flatMap((r) =>
      isShowcasePhoto(r.purpose) ? [{ id: r.id, purpose: r.purpose, createdAt: r.createdAt.toISOString() }] : [],
    ),
  };
}

/** Takes a before/after photo off a decided matter's showcase (managers, matter still writable); chained. */
export async function removeShowcasePhoto(db: Db, actor: Actor, matterId: number, fileId: number) {
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.manage',
    audit: 'showcase.photo.remove',
    write: async (tx, matter) => {
      requireDecided(matter);
      const photo = await findShowcasePhoto(tx, matter.id, fileId);
      if (!photo) throw notFound('file');
      await deleteShowcasePhoto(tx, photo.id);
      return {
        payload: { purpose: photo.purpose, fileId: photo.id, sha256: photo.sha256 },
        result: { id: photo.id, deleted: true as const },
      };
    },
  });
}
