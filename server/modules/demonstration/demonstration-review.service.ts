import { can, type Actor } from '../../../domain/access';
import {
  applicationLifecycle,
  isUnderCityReview,
  meanScores,
  noticeLastDay,
  reassessmentOutcome,
  scoreComputed,
  weightedTotal,
} from '../../../domain/demonstration';
import type { ReassessBody, ReviewBody, SiteCheckBody } from '../../../contracts/demonstration';
import type { Db } from '../../db/client';
import { AppError, invalid, notFound } from '../../errors';
import { todayInChina } from '../../calendar';
import { clockNow } from '../../clock';
import { applicationSubject, wrongStage } from './demonstration.access';
import { applicationFor } from './demonstration.service';
import {
  applicationById,
  lockApplication,
  moveApplication,
  updateApplicationIn,
  type ApplicationRow,
} from './demonstration.repository';
import {
  answerObjectionRow,
  insertObjection,
  insertReassessment,
  objectionRef,
  reviewsOf,
  unansweredCount,
  upsertReview,
} from './demonstration-reviews.repository';

const reviewStates = applicationLifecycle.states.filter((s) => isUnderCityReview(s));

/** Each computed criterion's score by the scheme's rule, from the figures frozen at submission. */
export function computedScores(row: ApplicationRow): Record<string, number> {
  return Object.fromEntries(
    row.criteria
      .filter((c) => c.kind === 'computed')
      .map((c) => [c.key, scoreComputed(row.application.computed?.[c.key] ?? null, c.target!, c.maxScore)]),
  );
}

/**
 * One reviewer's scores. Every key must be a criterion and each score within its maximum; a computed
 * criterion scored other than its rule's score needs a reason. The first score opens the review.
 */
export async function scoreApplication(db: Db, actor: Actor, id: number, body: ReviewBody) {
  const row = await applicationFor(db, actor, 'application.review', id);
  const byKey = new Map(row.criteria.map((c) => [c.key, c]));
  const rule = computedScores(row);
  for (const [key, { score, reason }] of Object.entries(body.scores)) {
    const criterion = byKey.get(key);
    if (!criterion) throw invalid(`scores.${key}`, 'demonstration.unknown_criterion');
    if (score > criterion.maxScore) throw invalid(`scores.${key}.score`, 'demonstration.score_range');
    if (criterion.kind === 'computed' && score !== rule[key] && !reason)
      throw invalid(`scores.${key}.reason`, 'demonstration.adjustment_reason');
  }
  // Computed criteria the reviewer left out keep their rule's score.
  const scores = {
    ...Object.fromEntries(Object.entries(rule).map(([k, score]) => [k, { score }])),
    ...body.scores,
  };
  await db.transaction(async (tx) => {
    const locked = await lockApplication(tx, id);
    if (!locked || !isUnderCityReview(locked.status)) throw wrongStage();
    await upsertReview(tx, id, actor.accountId, scores);
    await moveApplication(tx, id, 'review');
  });
}

/** The city's on-site check (实地核查): when, who, what was found. */
export async function recordSiteCheck(db: Db, actor: Actor, id: number, body: SiteCheckBody) {
  await applicationFor(db, actor, 'application.review', id);
  await db.transaction(async (tx) => {
    const set = { siteCheckOn: body.on, siteCheckBy: body.by, siteCheckFindings: body.findings };
    if ((await updateApplicationIn(tx, id, reviewStates, set)) === undefined) throw wrongStage();
    await moveApplication(tx, id, 'review');
  });
}

/** The weighted total of the reviewers' mean scores, or null before anyone scored. */
export function reviewTotal(row: ApplicationRow, reviews: { scores: Record<string, { score: number }> }[]) {
  if (reviews.length === 0) return null;
  const means = meanScores(
    reviews.map((r) => Object.fromEntries(Object.entries(r.scores).map(([k, s]) => [k, s.score]))),
  );
  return weightedTotal(row.criteria, means);
}

/** Names the community: a public notice of the scheme's days opens today for objections. */
export async function nameApplication(db: Db, actor: Actor, id: number) {
  const row = await applicationFor(db, actor, 'application.name', id);
  await db.transaction(async (tx) => {
    const locked = await lockApplication(tx, id);
    if (!locked || !applicationLifecycle.allows('name', locked.status)) throw wrongStage();
    const total = reviewTotal(row, await reviewsOf(tx, id));
    if (total === null) throw new AppError(409, 'demonstration.not_reviewed');
    if (total < row.passMark)
      throw new AppError(409, 'demonstration.below_pass_mark', { params: { total, passMark: row.passMark } });
    const today = todayInChina();
    await moveApplication(tx, id, 'name', {
      total,
      noticeFrom: today,
      noticeTo: noticeLastDay(today, row.noticeDays),
    });
  });
}

/** After the notice's last day, with every objection answered, the naming is final. */
export async function confirmNaming(db: Db, actor: Actor, id: number) {
  await applicationFor(db, actor, 'application.name', id);
  await db.transaction(async (tx) => {
    const locked = await lockApplication(tx, id);
    if (!locked || !applicationLifecycle.allows('confirm', locked.status)) throw wrongStage();
    const row = (await applicationFor(tx, actor, null, id)).application;
    if (row.noticeTo && todayInChina() <= row.noticeTo)
      throw new AppError(409, 'demonstration.notice_open', { params: { noticeTo: row.noticeTo } });
    if ((await unansweredCount(tx, id)) > 0) throw new AppError(409, 'demonstration.objection_unanswered');
    await moveApplication(tx, id, 'confirm', { namedAt: clockNow() });
  });
}

/** The city does not name it, with its reason (after review, or an objection upheld). */
export async function declineApplication(db: Db, actor: Actor, id: number, reason: string) {
  await applicationFor(db, actor, 'application.name', id);
  if ((await moveApplication(db, id, 'decline', { outcomeReason: reason })) === undefined) throw wrongStage();
}

/**
 * An objection during the public notice, by anyone logged in: a notice is public, so its application
 * is no secret while it runs; outside a notice, only those who may read it learn it exists.
 */
export async function raiseObjection(db: Db, actor: Actor, id: number, body: string) {
  const row = await applicationById(db, id);
  if (!row || !applicationLifecycle.is.noticed(row.application.status)) {
    await applicationFor(db, actor, null, id);
    throw wrongStage();
  }
  const noticeTo = row.application.noticeTo;
  if (noticeTo && todayInChina() > noticeTo) throw new AppError(409, 'demonstration.notice_closed');
  return insertObjection(db, { applicationId: id, accountId: actor.accountId, body });
}

/** The city answers an objection (once). */
export async function answerObjection(db: Db, actor: Actor, objectionId: number, answer: string) {
  const objection = await objectionRef(db, objectionId);
  if (!objection) throw notFound('objection');
  await applicationFor(db, actor, 'application.name', objection.applicationId);
  if (!(await answerObjectionRow(db, objectionId, answer, actor.accountId)))
    throw new AppError(409, 'demonstration.already_answered');
}

/**
 * 动态管理: a named community's yearly re-assessment. Below the pass mark it is warned, a second
 * failing year or a finding removes the title (publicly noted with the reason).
 */
export async function reassessApplication(db: Db, actor: Actor, id: number, body: ReassessBody) {
  const row = await applicationFor(db, actor, 'application.name', id);
  return db.transaction(async (tx) => {
    const locked = await lockApplication(tx, id);
    if (!locked) throw notFound('application');
    const outcome = reassessmentOutcome(locked.status, {
      total: body.total,
      passMark: row.passMark,
      hasFinding: Boolean(body.finding),
    });
    if (!applicationLifecycle.anyOf(['named', 'warned'])(locked.status)) throw wrongStage();
    const resultingStatus = outcome ? applicationLifecycle.transitions[outcome].to : locked.status;
    const written = await insertReassessment(tx, {
      applicationId: id,
      year: body.year,
      total: body.total,
      finding: body.finding || null,
      resultingStatus,
      accountId: actor.accountId,
    });
    if (written === undefined) throw new AppError(409, 'demonstration.already_reassessed', { field: 'year' });
    if (outcome) await moveApplication(tx, id, outcome, { outcomeReason: body.finding || null });
    return resultingStatus;
  });
}

/** What the viewer may do with the application now: their role there and its stage together. */
export function applicationAbilities(actor: Actor, row: ApplicationRow) {
  const subject = applicationSubject(row.application.placePath);
  const status = row.application.status;
  return {
    'application.submit': can(actor, 'application.submit', subject) && applicationLifecycle.allows('submit', status),
    'application.recommend':
      can(actor, 'application.recommend', subject) && applicationLifecycle.allows('recommend', status),
    'application.review': can(actor, 'application.review', subject) && isUnderCityReview(status),
    'application.name':
      can(actor, 'application.name', subject) &&
      applicationLifecycle.anyOf(['under_review', 'noticed', 'named', 'warned'])(status),
  };
}
