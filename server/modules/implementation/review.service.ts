import type { Actor } from '../../../domain/access';
import { COMMUNITY_DEPTH, ancestorPathAt } from '../../../domain/territory/places';
import type { Db } from '../../db/client';
import { AppError } from '../../errors';
import { runMatterCommand } from '../matters';
import type { EvaluationBody, FollowUpBody, SupervisionBody } from '../../../contracts/implementation';
import {
  hasEvaluation,
  hasRatedSelf,
  insertEvaluation,
  insertFollowUp,
  insertSupervisionReview,
  residentLivesIn,
} from './review.repository';

/**
 * 回访: staff and grid workers record a visit, call or online follow-up about a resident; a resident
 * rates the matter themselves (method 'self'), once per account.
 */
export async function recordFollowUp(db: Db, actor: Actor, matterId: number, input: FollowUpBody) {
  const isSelf = input.method === 'self';
  return runMatterCommand(db, {
    actor,
    matterId,
    action: isSelf ? 'matter.rate' : 'matter.followUp',
    audit: isSelf ? 'follow_up.rate' : 'follow_up.record',
    write: async (tx, matter) => {
      let residentId = input.residentId ?? null;
      if (isSelf) {
        if (await hasRatedSelf(tx, matterId, actor.accountId)) throw new AppError(409, 'follow_up.already_rated');
        residentId = actor.residentId;
      } else if (residentId !== null) {
        const community = ancestorPathAt(matter.placePath, COMMUNITY_DEPTH) ?? matter.placePath;
        if (!(await residentLivesIn(tx, residentId, community)))
          throw new AppError(400, 'follow_up.resident_outside', { field: 'residentId' });
      }
      const row = await insertFollowUp(tx, {
        matterId,
        recordedBy: actor.accountId,
        residentId,
        method: input.method,
        satisfaction: input.satisfaction,
        comment: input.comment,
      });
      return {
        payload: { followUpId: row.id, method: row.method, satisfaction: row.satisfaction, comment: row.comment },
        result: { id: row.id },
        texts: [{ kind: 'follow_up', id: row.id, field: 'comment', text: row.comment }],
      };
    },
  });
}

/** A supervisor's review with an optional look-back (回头看) day. */
export async function recordSupervision(db: Db, actor: Actor, matterId: number, input: SupervisionBody) {
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.supervise',
    audit: 'supervision.review',
    write: async (tx) => {
      const row = await insertSupervisionReview(tx, {
        matterId,
        accountId: actor.accountId,
        ...input,
        lookBackOn: input.lookBackOn ?? null,
      });
      return {
        payload: { reviewId: row.id, ...input },
        result: { id: row.id },
        texts: [{ kind: 'supervision_review', id: row.id, field: 'comment', text: row.comment }],
      };
    },
  });
}

/** 成效评估: once per matter. */
export async function recordEvaluation(db: Db, actor: Actor, matterId: number, input: EvaluationBody) {
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.evaluate',
    audit: 'evaluation.record',
    write: async (tx) => {
      if (await hasEvaluation(tx, matterId)) throw new AppError(409, 'evaluation.exists');
      const row = await insertEvaluation(tx, { matterId, accountId: actor.accountId, ...input });
      return {
        payload: { evaluationId: row.id, ...input },
        result: { id: row.id },
        texts: [{ kind: 'evaluation', id: row.id, field: 'comment', text: row.comment }],
      };
    },
  });
}
