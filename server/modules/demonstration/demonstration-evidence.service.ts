import type { Actor } from '../../../domain/access';
import { isEditableApplication } from '../../../domain/demonstration';
import type { Db } from '../../db/client';
import { invalid, notFound } from '../../errors';
import type { FileStorage } from '../../storage';
import type { Photo } from '../matters';
import { wrongStage } from './demonstration.access';
import { lockApplication } from './demonstration.repository';
import { applicationFor } from './demonstration.service';
import { deleteEvidenceFile, evidenceFileById, insertEvidenceFile } from './demonstration-evidence.repository';

/**
 * Attaches photos or scans (images, re-encoded on upload) as evidence of one evidenced criterion,
 * while the application is still the community's to edit; the rows and the stage check share a lock.
 */
export async function addEvidenceFiles(
  db: Db,
  storage: FileStorage,
  actor: Actor,
  id: number,
  criterionKey: string,
  photos: Photo[],
) {
  const row = await applicationFor(db, actor, 'application.submit', id);
  if (!row.criteria.some((c) => c.kind === 'evidenced' && c.key === criterionKey))
    throw invalid('criterionKey', 'demonstration.unknown_criterion');
  if (photos.length === 0) throw invalid('photos', 'validation.required');
  await db.transaction(async (tx) => {
    const locked = await lockApplication(tx, id);
    if (!locked || !isEditableApplication(locked.status)) throw wrongStage();
    for (const photo of photos) {
      const stored = await storage.put(photo.bytes);
      await insertEvidenceFile(tx, {
        applicationId: id,
        criterionKey,
        storageKey: stored.key,
        fileName: photo.fileName.slice(0, 200),
        contentType: photo.contentType,
        sizeBytes: stored.sizeBytes,
        sha256: stored.sha256,
        uploadedBy: actor.accountId,
      });
    }
  });
}

/** Removes an evidence file while the application is editable. */
export async function removeEvidenceFile(db: Db, actor: Actor, id: number, fileId: number) {
  await applicationFor(db, actor, 'application.submit', id);
  await db.transaction(async (tx) => {
    const locked = await lockApplication(tx, id);
    if (!locked || !isEditableApplication(locked.status)) throw wrongStage();
    if (!(await deleteEvidenceFile(tx, id, fileId))) throw notFound('file');
  });
}

/** The bytes of an evidence file, for whoever may read its application. */
export async function readEvidenceFile(db: Db, storage: FileStorage, actor: Actor, fileId: number) {
  const file = await evidenceFileById(db, fileId);
  if (!file) throw notFound('file');
  await applicationFor(db, actor, null, file.applicationId).catch(() => {
    throw notFound('file');
  });
  return { contentType: file.contentType, bytes: await storage.read(file.storageKey) };
}
