import type { Actor } from '../../../domain/access';
import { SIMILAR_THRESHOLD, titleSimilarity } from '../../../domain/matters/similarity';
import { placeKindsOfLevel } from '../../../domain/matters/taxonomy';
import { COMMUNITY_DEPTH, ancestorPathAt, isWithin } from '../../../domain/territory/places';
import type { Db } from '../../db/client';
import { invalid, missing } from '../../errors';
import type { FileStorage } from '../../storage';
import { appendMatterEvent } from './audit';
import { recordStageEntry } from './matter-command';
import { storeMatterPhotos, type Photo } from './matter-photos';
import type { RaiseInput } from '../../../contracts/matters';
import { placeOr400 } from './matters.service';
import { accountIdOfResident, findResident, insertMatter, openMattersUnder } from './matters.repository';
import { authorize, type Access } from '../../plugins/authorize';
/** Raising names a place by id in the body: not hidden, refused as `access.denied`. */
const placeAccess: Access = { what: 'place' };

/**
 * 议题征集: a resident raises a matter, or staff raise one on a resident's behalf, with up to nine
 * photos (listed in matter_files as 'raised'). The matter, its photos and the chain entry land together.
 */
export async function raiseMatter(
  db: Db,
  actor: Actor,
  input: RaiseInput,
  photos: { storage: FileStorage; items: Photo[] } | undefined = undefined,
) {
  const place = await placeOr400(db, input.placeId);
  if (!placeKindsOfLevel[input.level].includes(place.kind)) throw invalid('level', 'matter.place_level');
  const onBehalf = input.onBehalfOfResidentId !== undefined;
  authorize(
    actor,
    onBehalf ? 'matter.raiseOnBehalf' : 'matter.raise',
    { type: 'place', path: place.path },
    placeAccess,
  );
  return db.transaction(async (tx) => {
    let proposerAccountId = actor.accountId;
    let proposerResidentId = actor.residentId;
    if (onBehalf) {
      const resident = await findResident(tx, input.onBehalfOfResidentId!);
      const community = ancestorPathAt(place.path, COMMUNITY_DEPTH) ?? place.path;
      if (!resident || !isWithin(resident.placePath, community)) throw missing('onBehalfOfResidentId', 'resident');
      proposerAccountId = (await accountIdOfResident(tx, resident.id)) ?? actor.accountId;
      proposerResidentId = resident.id;
    }
    const matter = await insertMatter(tx, {
      placeId: place.id,
      placePath: place.path,
      level: input.level,
      kind: input.kind,
      category: input.category,
      title: input.title,
      description: input.description,
      proposerAccountId,
      proposerResidentId,
      raisedByAccountId: onBehalf ? actor.accountId : null,
    });
    const photoIds = photos?.items.length
      ? await storeMatterPhotos(
          tx,
          photos.storage,
          { matterId: matter.id, purpose: 'raised', uploadedBy: actor.accountId },
          photos.items,
        )
      : [];
    await recordStageEntry(tx, matter.id, 'raised');
    await appendMatterEvent(tx, {
      matterId: matter.id,
      actorAccountId: actor.accountId,
      action: 'raise',
      payload: {
        title: input.title,
        placeId: place.id,
        level: input.level,
        category: input.category,
        onBehalf,
        ...(photoIds.length ? { photoIds } : {}),
      },
      texts: [
        { kind: 'matter', id: matter.id, field: 'title', text: matter.title },
        { kind: 'matter', id: matter.id, field: 'description', text: matter.description },
      ],
    });
    return matter;
  });
}

/** Open matters of the same community whose titles look alike, before a resident submits. */
export async function findSimilarMatters(db: Db, actor: Actor, placeId: number, title: string) {
  const place = await placeOr400(db, placeId);
  authorize(actor, 'matter.raise', { type: 'place', path: place.path }, placeAccess);
  const community = ancestorPathAt(place.path, COMMUNITY_DEPTH) ?? place.path;
  const candidates = await openMattersUnder(db, community);
  return candidates
    .map((m) => ({ ...m, similarity: titleSimilarity(title, m.title) }))
    .filter((m) => m.similarity >= SIMILAR_THRESHOLD)
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, 5);
}
