import type { Actor } from '../../../domain/access';
import type { Db } from '../../db/client';
import { AppError } from '../../errors';
import { checkChainBeforeSeal, type AnchorKey } from '../chain';
import { authorize } from '../../plugins/authorize';
import { loadVisibleMatter, matterAccess, readMatterChain, runMatterCommand } from '../matters';
import { buildDossierDocx } from './archive.docx';
import { gatherDossier, listDossierPhotos, type Dossier } from './archive.repository';
import { clockNow } from '../../clock';
import { printableImage } from '../../images';
import { isDossierPhoto } from '../../../domain/matters/photos';
import type { FileStorage } from '../../storage';
import type { DossierPhotos } from './archive.docx-photos';

/** At most this many photos go into the .docx, each at most DOSSIER_PHOTO_SIDE px: the file stays small. */
export const MAX_DOSSIER_PHOTOS = 20;
export const DOSSIER_PHOTO_SIDE = 1600;

/**
 * 归档: the archive guards (follow-up, supervision, evaluation) hold, and the chain must verify
 * before the seal: a broken chain refuses with 409 naming the first failing entry. After this every
 * write is refused (archived is not writable).
 */
export async function archiveMatter(db: Db, actor: Actor, matterId: number) {
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.manage',
    command: 'archive',
    audit: 'archive',
    write: async (tx) => {
      // Links, covered texts and anchors: a cut, rewritten or edited chain is never sealed.
      const verdict = await checkChainBeforeSeal(tx, matterId, await readMatterChain(tx, matterId));
      if (!verdict.isIntact) {
        throw new AppError(409, 'matter.chain_broken', { params: { seq: verdict.brokenAt }, details: verdict });
      }
      const sealedAt = clockNow();
      return {
        payload: { sealedAt: sealedAt.toISOString(), chainHead: verdict.head, chainLength: verdict.length },
        result: { id: matterId, status: 'archived', sealedAt: sealedAt.toISOString() },
        patch: { sealedAt },
      };
    },
  });
}

/** The dossier for staff of the matter's place (and supervisors); others may not export. */
async function dossierFor(db: Db, anchorKey: AnchorKey, actor: Actor, matterId: number): Promise<Dossier> {
  const { matter, subject } = await loadVisibleMatter(db, actor, matterId);
  authorize(actor, 'matter.export', subject, matterAccess);
  return gatherDossier(db, anchorKey, matter);
}

/**
 * The matter's photos for the .docx, read from storage and downscaled one at a time (memory stays at
 * one photo); a stored file that is gone or no longer decodes is printed as missing, not fatal.
 */
async function readDossierPhotos(db: Db, storage: FileStorage, matterId: number): Promise<DossierPhotos> {
  const { rows, total } = await listDossierPhotos(db, matterId, MAX_DOSSIER_PHOTOS);
  const items: DossierPhotos['items'] = [];
  for (const row of rows) {
    if (!isDossierPhoto(row.purpose)) continue; // the query selects only these
    const bytes = await storage.read(row.storageKey).catch(() => undefined);
    const image = bytes ? await printableImage(bytes, DOSSIER_PHOTO_SIDE) : undefined;
    items.push({ purpose: row.purpose, takenAt: row.createdAt, image });
  }
  return { items, total };
}

export async function exportDocx(db: Db, storage: FileStorage, anchorKey: AnchorKey, actor: Actor, matterId: number) {
  const dossier = await dossierFor(db, anchorKey, actor, matterId);
  return buildDossierDocx(dossier, await readDossierPhotos(db, storage, matterId));
}

/** The same file as data, plus the whole audit chain and its verification verdict. */
export async function exportJson(db: Db, anchorKey: AnchorKey, actor: Actor, matterId: number) {
  const d = await dossierFor(db, anchorKey, actor, matterId);
  const { actorNames, implementation, ...rest } = d;
  return {
    format: 'yishi.matter-file/1' as const,
    exportedAt: clockNow().toISOString(),
    ...rest,
    tasks: implementation.taskRows.map((t) => ({
      ...t,
      progress: implementation.progressRows.filter((p) => p.taskId === t.id),
    })),
    followUps: implementation.followUpRows,
    supervisionReviews: implementation.reviewRows,
    evaluation: implementation.evaluation ?? null,
    actors: Object.fromEntries(actorNames),
  };
}
