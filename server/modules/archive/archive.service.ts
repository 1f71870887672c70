import type { Actor } from '../../../domain/access';
import type { Db } from '../../db/client';
import { AppError } from '../../errors';
import { checkChainBeforeSeal, type AnchorKey } from '../chain';
import { authorize } from '../../plugins/authorize';
import { loadVisibleMatter, matterAccess, readMatterChain, runMatterCommand } from '../matters';
import { buildDossierDocx } from './archive.docx';
import { gatherDossier, type Dossier } from './archive.repository';
import { clockNow } from '../../clock';

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

export async function exportDocx(db: Db, anchorKey: AnchorKey, actor: Actor, matterId: number) {
  return buildDossierDocx(await dossierFor(db, anchorKey, actor, matterId));
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
