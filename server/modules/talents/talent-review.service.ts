import { can, type Actor } from '../../../domain/access';
import {
  certificateNumber,
  isEligible,
  nominationLifecycle,
  talentNoticeLastDay,
  talentTotal,
  type TalentRecord,
} from '../../../domain/talents';
import type { TalentReviewBody } from '../../../contracts/talents';
import type { Db } from '../../db/client';
import { AppError, invalid, notFound } from '../../errors';
import { todayInChina } from '../../calendar';
import { clockNow } from '../../clock';
import { nominationFor, nominationSubject, wrongStage } from './talents.access';
import { talentIssuer, talentTitle } from './talent-certificate.docx';
import { placeOrNotFound } from '../places';
import { recordOf } from './talent-records.repository';
import {
  certificatesIssued,
  countInStates,
  lockNomination,
  lockSelection,
  moveNomination,
  nominationById,
  updateNominationIn,
} from './talents.repository';
import {
  answerTalentObjection,
  insertTalentObjection,
  reviewsOfNominations,
  talentObjectionRef,
  unansweredTalentObjections,
  upsertTalentReview,
} from './talent-reviews.repository';

const manage = 'talentSelection.manage';
/** Stages that take a seat of the quota. */
const quotaStates = nominationLifecycle.states.filter(
  (s) => nominationLifecycle.is.noticed(s) || nominationLifecycle.is.named(s),
);

/**
 * Admits (`admit`) or rules out (`ruleOut`) a nomination on its record, read now and frozen with the
 * decision. Admitting needs every threshold met; ruling out one that meets them all needs a reason.
 */
export async function decideEligibility(db: Db, actor: Actor, id: number, command: 'admit' | 'ruleOut', reason = '') {
  const row = await nominationFor(db, actor, manage, id);
  if (!nominationLifecycle.allows(command, row.nomination.status)) throw wrongStage();
  const record: TalentRecord = await recordOf(db, row.nomination.accountId);
  const eligible = isEligible(record, row.selection);
  if (command === 'admit' && !eligible) throw new AppError(409, 'talents.not_eligible');
  if (command === 'ruleOut' && eligible && !reason) throw invalid('reason', 'talents.reason_required');
  const set = { record, ...(command === 'ruleOut' ? { outcomeReason: reason || null } : {}) };
  if ((await moveNomination(db, id, command, set)) === undefined) throw wrongStage();
}

/** One reviewer's scores, one per criterion (0–100); the nomination's total is the reviewers' weighted mean. */
export async function scoreNomination(db: Db, actor: Actor, id: number, body: TalentReviewBody) {
  const row = await nominationFor(db, actor, manage, id);
  const keys = new Set(row.selection.criteria.map((c) => c.key));
  const unknown = Object.keys(body.scores).find((k) => !keys.has(k));
  if (unknown !== undefined) throw invalid(`scores.${unknown}`, 'talents.unknown_criterion');
  const missingKey = [...keys].find((k) => body.scores[k] === undefined);
  if (missingKey !== undefined) throw invalid(`scores.${missingKey}`, 'talents.missing_score');
  await db.transaction(async (tx) => {
    const locked = await lockNomination(tx, id);
    if (!locked || !nominationLifecycle.is.eligible(locked.status)) throw wrongStage();
    await upsertTalentReview(tx, id, actor.accountId, body.scores);
    const reviews = await reviewsOfNominations(tx, [id]);
    const total = talentTotal(
      row.selection.criteria,
      reviews.map((r) => r.scores),
    );
    await updateNominationIn(tx, id, [locked.status], { total });
  });
}

/**
 * Puts a scored, consented nomination on public notice for the selection's notice days from today;
 * refused beyond the quota (counted under the selection's lock, so two at once cannot both take the last seat).
 */
export async function noticeNomination(db: Db, actor: Actor, id: number) {
  const row = await nominationFor(db, actor, manage, id);
  await db.transaction(async (tx) => {
    const selection = await lockSelection(tx, row.selection.id);
    const locked = await lockNomination(tx, id);
    if (!selection || !locked || !nominationLifecycle.allows('notice', locked.status)) throw wrongStage();
    if (!locked.consentedAt) throw new AppError(409, 'talents.needs_consent');
    if (locked.total === null) throw new AppError(409, 'talents.not_reviewed');
    if ((await countInStates(tx, selection.id, quotaStates)) >= selection.quota)
      throw new AppError(409, 'talents.quota_full', { params: { quota: selection.quota } });
    const today = todayInChina();
    await moveNomination(tx, id, 'notice', {
      noticeFrom: today,
      noticeTo: talentNoticeLastDay(today, selection.noticeDays),
    });
  });
}

/** After the notice's last day, with every objection answered: named, with the next certificate number. */
export async function confirmNomination(db: Db, actor: Actor, id: number) {
  const row = await nominationFor(db, actor, manage, id);
  const city = await placeOrNotFound(db, row.selection.placeId);
  await db.transaction(async (tx) => {
    const selection = await lockSelection(tx, row.selection.id);
    const locked = await lockNomination(tx, id);
    if (!selection || !locked || !nominationLifecycle.allows('confirm', locked.status)) throw wrongStage();
    if (locked.noticeTo && todayInChina() <= locked.noticeTo)
      throw new AppError(409, 'talents.notice_open', { params: { noticeTo: locked.noticeTo } });
    if ((await unansweredTalentObjections(tx, id)) > 0) throw new AppError(409, 'talents.objection_unanswered');
    const seq = (await certificatesIssued(tx, selection.id)) + 1;
    await moveNomination(tx, id, 'confirm', {
      namedAt: clockNow(),
      certificateNo: certificateNumber(city.code, selection.year, seq),
    });
  });
}

/** The city does not choose it (after review, or on notice), with its reason. */
export async function declineNomination(db: Db, actor: Actor, id: number, reason: string) {
  await nominationFor(db, actor, manage, id);
  if ((await moveNomination(db, id, 'decline', { outcomeReason: reason })) === undefined) throw wrongStage();
}

/**
 * An objection during the public notice, by anyone logged in: the notice is public, so the nomination
 * is no secret while it runs; outside a notice only those who may read it learn it exists.
 */
export async function raiseTalentObjection(db: Db, actor: Actor, id: number, body: string) {
  const row = await nominationById(db, id);
  if (!row || !nominationLifecycle.is.noticed(row.nomination.status)) {
    await nominationFor(db, actor, null, id);
    throw wrongStage();
  }
  const noticeTo = row.nomination.noticeTo;
  if (noticeTo && todayInChina() > noticeTo) throw new AppError(409, 'talents.notice_closed');
  return insertTalentObjection(db, { nominationId: id, accountId: actor.accountId, body });
}

/** The city answers an objection once; an upheld one declines the nomination with the answer as reason. */
export async function answerObjection(
  db: Db,
  actor: Actor,
  objectionId: number,
  answer: { answer: string; upheld: boolean },
) {
  const objection = await talentObjectionRef(db, objectionId);
  if (!objection) throw notFound('objection');
  await nominationFor(db, actor, manage, objection.nominationId);
  await db.transaction(async (tx) => {
    await lockNomination(tx, objection.nominationId);
    if (!(await answerTalentObjection(tx, objectionId, { ...answer, accountId: actor.accountId })))
      throw new AppError(409, 'talents.already_answered');
    if (answer.upheld) await moveNomination(tx, objection.nominationId, 'decline', { outcomeReason: answer.answer });
  });
  return objection.nominationId;
}

/** The certificate of a named nomination, for the person themself and the city's officers. */
export async function certificateOf(db: Db, actor: Actor, id: number) {
  const row = await nominationFor(db, actor, null, id);
  const isNominee = row.nomination.accountId === actor.accountId;
  if (!isNominee && !can(actor, manage, nominationSubject(row.nomination.placePath)))
    throw new AppError(403, 'access.denied');
  const { certificateNo, namedAt } = row.nomination;
  if (!nominationLifecycle.is.named(row.nomination.status) || !certificateNo || !namedAt) throw wrongStage();
  const city = await placeOrNotFound(db, row.selection.placeId);
  return {
    name: row.name,
    title: talentTitle(city.name),
    year: row.selection.year,
    certificateNo,
    issuer: talentIssuer(city.name),
    issuedOn: todayInChina(namedAt),
  };
}
