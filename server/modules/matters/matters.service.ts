import type { Actor } from '../../../domain/access';
import { capabilities } from '../../../domain/matters/stages';
import type { MatterVisibility } from '../../../domain/matters/visibility';
import { normaliseGovernances, type Governance } from '../../../domain/governance/governances';
import { placeKindsOfLevel, type MatterLevel } from '../../../domain/matters/taxonomy';
import { COMMUNITY_DEPTH, ancestorPathAt, isWithin } from '../../../domain/territory/places';
import type { Db, DbOrTx } from '../../db/client';
import { AppError, invalid, missing } from '../../errors';
import { appendMatterEvent } from './audit';
import { findFormat } from './formats.repository';
import { runMatterCommand } from './matter-command';
import { findPlace, type PlaceRow } from '../places';
import { convenorGrantPaths, findMatter, insertSupport, placesOnPath } from './matters.repository';

type Place = PlaceRow;

/** The place, or 400 on `field` when it does not exist. */
export async function placeOr400(db: DbOrTx, placeId: number, field = 'placeId'): Promise<Place> {
  const place = await findPlace(db, placeId);
  if (!place) throw missing(field, 'place');
  return place;
}

/** The ancestor (or the place itself) where a matter of `level` sits. */
export async function placeForLevel(db: DbOrTx, place: Place, level: MatterLevel): Promise<Place | undefined> {
  const kinds = placeKindsOfLevel[level];
  if (kinds.includes(place.kind)) return place;
  const ancestors = await placesOnPath(db, place.path);
  return ancestors.filter((p) => kinds.includes(p.kind)).sort((a, b) => b.depth - a.depth)[0];
}

/** 联名: one support per account; the proposer cannot support their own matter. */
export async function supportMatter(db: Db, actor: Actor, matterId: number) {
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.support',
    audit: 'support',
    write: async (tx, matter) => {
      if (!(await insertSupport(tx, matterId, actor.accountId))) throw new AppError(409, 'matter.already_supported');
      return {
        payload: {},
        result: { supportCount: matter.supportCount + 1 },
        patch: { supportCount: matter.supportCount + 1 },
      };
    },
  });
}

/** 议题确定: accept with level, format and convenor; a different level moves the matter to that place. */
export async function acceptMatter(
  db: Db,
  actor: Actor,
  matterId: number,
  input: {
    level: MatterLevel;
    formatId: number;
    convenorAccountId?: number;
    visibility: MatterVisibility;
    governances?: Governance[];
  },
) {
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.vet',
    command: 'accept',
    audit: 'accept',
    write: async (tx, matter) => {
      const current = await placeOr400(tx, matter.placeId);
      const target = await placeForLevel(tx, current, input.level);
      if (!target) throw invalid('level', 'matter.place_level');
      const format = await findFormat(tx, input.formatId);
      if (!format || !isWithin(target.path, format.placePath)) throw missing('formatId', 'format');
      const convenorAccountId = input.convenorAccountId ?? actor.accountId;
      if (input.convenorAccountId !== undefined) {
        const grants = await convenorGrantPaths(tx, convenorAccountId);
        if (!grants.some((g) => isWithin(target.path, g.path))) throw missing('convenorAccountId', 'convenor');
      }
      return {
        payload: {
          level: input.level,
          placeId: target.id,
          formatId: format.id,
          format: format.name,
          convenorAccountId,
          visibility: input.visibility,
          ...(input.governances ? { governances: input.governances } : {}),
        },
        result: { id: matter.id },
        patch: {
          level: input.level,
          placeId: target.id,
          placePath: target.path,
          formatId: format.id,
          convenorAccountId,
          visibility: input.visibility,
          ...(input.governances ? { governances: input.governances } : {}),
        },
      };
    },
  });
}

/**
 * 四治: replaces the matter's governances (staff who manage it, at any stage until it is sealed). The
 * same set again changes nothing and leaves no chain entry.
 */
export async function tagGovernances(db: Db, actor: Actor, matterId: number, tags: Governance[]) {
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.manage',
    audit: 'governances.tag',
    write: async (_tx, matter) => {
      const governances = normaliseGovernances(tags);
      return {
        payload: { governances, previous: matter.governances },
        result: { id: matter.id, governances },
        patch: { governances },
        isNoop: governances.join() === matter.governances.join(),
      };
    },
  });
}

export async function declineMatter(db: Db, actor: Actor, matterId: number, reason: string) {
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.vet',
    command: 'decline',
    audit: 'decline',
    write: async (_tx, matter) => ({
      payload: { reason },
      result: { id: matter.id },
      patch: { declineReason: reason },
      texts: [{ kind: 'matter', id: matter.id, field: 'declineReason', text: reason }],
    }),
  });
}

/** Merges into another open matter of the same community; the target's chain records it too. */
export async function mergeMatter(db: Db, actor: Actor, matterId: number, intoMatterId: number) {
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.vet',
    command: 'merge',
    audit: 'merge',
    write: async (tx, matter) => {
      const target = await findMatter(tx, intoMatterId, true);
      const community = ancestorPathAt(matter.placePath, COMMUNITY_DEPTH) ?? matter.placePath;
      const isOpen = target && capabilities[target.status].isWritable;
      if (!target || target.id === matter.id || !isOpen || !isWithin(target.placePath, community)) {
        throw invalid('intoMatterId', 'matter.merge_target');
      }
      await appendMatterEvent(tx, {
        matterId: target.id,
        actorAccountId: actor.accountId,
        action: 'merge.received',
        payload: { fromMatterId: matter.id },
      });
      return { payload: { intoMatterId: target.id }, result: { id: matter.id }, patch: { mergedIntoId: target.id } };
    },
  });
}

/** Moves the matter one level up the tree (building → estate → community → town), to be vetted there. */
export async function escalateMatter(db: Db, actor: Actor, matterId: number, reason: string) {
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.vet',
    command: 'escalate',
    audit: 'escalate',
    write: async (tx, matter) => {
      const place = await placeOr400(tx, matter.placeId);
      const nextLevel: Record<MatterLevel, { level: MatterLevel; kinds: string[] }> = {
        building: { level: 'estate', kinds: ['estate'] },
        estate: { level: 'community', kinds: ['community'] },
        community: { level: 'community', kinds: ['town'] },
      };
      const step = nextLevel[matter.level];
      const ancestors = await placesOnPath(tx, place.path);
      const target = ancestors
        .filter((p) => step.kinds.includes(p.kind) && p.id !== place.id)
        .sort((a, b) => b.depth - a.depth)[0];
      if (!target) throw invalid('reason', 'matter.escalate_top');
      return {
        payload: { reason, fromPlaceId: place.id, toPlaceId: target.id, level: step.level },
        result: { id: matter.id },
        patch: { placeId: target.id, placePath: target.path, level: step.level },
      };
    },
  });
}
