import type { Actor } from '../../../domain/access';
import {
  budgetReport,
  formatYuanText,
  isRunningProject,
  meanSatisfaction,
  milestoneLifecycle,
  overspend,
} from '../../../domain/projects';
import type { Db } from '../../db/client';
import { AppError, invalid, notFound } from '../../errors';
import { clockNow } from '../../clock';
import type { FileStorage } from '../../storage';
import type { Photo } from '../matters';
import { projectFor, wrongStage } from './projects.access';
import {
  insertEvidenceFile,
  insertSpending,
  linesOf,
  lockMilestone,
  milestonesOf,
  moveMilestone,
  satisfactionRatings,
  spendingsOf,
  upsertReview,
} from './project-parts.repository';
import { lockProject, moveProject } from './projects.repository';

const milestoneWrongStage = () => new AppError(409, 'project.milestone_wrong_stage');

/** The project locked and still running (contracted or past its mid-term), or a 409. */
async function lockRunning(tx: Parameters<Parameters<Db['transaction']>[0]>[0], id: number) {
  const locked = await lockProject(tx, id);
  if (!locked || !isRunningProject(locked.status)) throw wrongStage();
}

/** The agent reports a milestone with text and evidence photos (stored with the rows, in one transaction). */
export async function reportMilestone(
  db: Db,
  storage: FileStorage,
  actor: Actor,
  id: number,
  milestoneId: number,
  report: string,
  photos: Photo[],
) {
  await projectFor(db, actor, 'project.report', id);
  if (photos.length === 0) throw invalid('photos', 'project.photo_missing');
  await db.transaction(async (tx) => {
    await lockRunning(tx, id);
    if (!(await lockMilestone(tx, id, milestoneId))) throw notFound('milestone');
    const moved = await moveMilestone(tx, milestoneId, 'report', {
      report,
      reportedBy: actor.accountId,
      reportedAt: clockNow(),
      reviewNote: null,
    });
    if (moved === undefined) throw milestoneWrongStage();
    for (const photo of photos) {
      const stored = await storage.put(photo.bytes);
      await insertEvidenceFile(tx, {
        milestoneId,
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

/** The officers accept a reported milestone, or reopen it for more evidence with a note. */
export async function reviewMilestone(
  db: Db,
  actor: Actor,
  id: number,
  milestoneId: number,
  command: 'accept' | 'reopen',
  note: string,
) {
  await projectFor(db, actor, 'project.acceptMilestone', id);
  await db.transaction(async (tx) => {
    await lockRunning(tx, id);
    if (!(await lockMilestone(tx, id, milestoneId))) throw notFound('milestone');
    const set =
      command === 'accept'
        ? { acceptedBy: actor.accountId, acceptedAt: clockNow(), reviewNote: note || null }
        : { reviewNote: note || null };
    if ((await moveMilestone(tx, milestoneId, command, set)) === undefined) throw milestoneWrongStage();
  });
}

/**
 * The agent records money spent against a budget line. The line's spending so far is read under the project's
 * lock, so two reports at once cannot together take it over its amount (409 `project.line_overspent`).
 */
export async function recordSpending(
  db: Db,
  actor: Actor,
  id: number,
  body: { budgetLineId: number; amount: number; spentOn: string; note: string; milestoneId: number | null },
) {
  await projectFor(db, actor, 'project.report', id);
  await db.transaction(async (tx) => {
    await lockRunning(tx, id);
    const lines = await linesOf(tx, id);
    const line = lines.find((l) => l.id === body.budgetLineId);
    if (!line) throw invalid('budgetLineId', 'project.unknown_line');
    if (body.milestoneId !== null && !(await milestonesOf(tx, id)).some((m) => m.id === body.milestoneId))
      throw invalid('milestoneId', 'validation.invalid');
    const report = budgetReport([line], await spendingsOf(tx, id));
    const remaining = overspend({ amountFen: line.amountFen, spentFen: report.totals.spentFen }, body.amount);
    if (remaining !== null)
      throw new AppError(409, 'project.line_overspent', {
        field: 'amount',
        params: { line: line.name, remaining: formatYuanText(remaining) },
      });
    await insertSpending(tx, {
      projectId: id,
      budgetLineId: line.id,
      milestoneId: body.milestoneId,
      amountFen: body.amount,
      spentOn: body.spentOn,
      note: body.note,
      recordedBy: actor.accountId,
    });
  });
}

/**
 * Mid-term or final evaluation: the officer's score (and what each indicator reached). The final one waits
 * for every milestone to be accepted and freezes residents' satisfaction from the follow-ups of its matters.
 */
export async function evaluateProject(
  db: Db,
  actor: Actor,
  id: number,
  body: { stage: 'midterm' | 'final'; score: number; comment: string; achieved: string[] },
) {
  const { row } = await projectFor(db, actor, 'project.evaluate', id);
  await db.transaction(async (tx) => {
    if ((await lockProject(tx, id)) === undefined) throw wrongStage();
    await upsertReview(tx, {
      projectId: id,
      stage: body.stage,
      reviewerAccountId: actor.accountId,
      scores: { total: body.score },
      comment: body.comment,
    });
    const indicators = row.indicators.map((ind, i) => ({
      ...ind,
      ...(body.achieved[i] ? { achieved: body.achieved[i] } : {}),
    }));
    if (body.stage === 'midterm') {
      if ((await moveProject(tx, id, 'evaluateMidterm', { midtermScore: body.score, indicators })) === undefined)
        throw wrongStage();
      return;
    }
    const milestones = await milestonesOf(tx, id);
    if (milestones.some((m) => !milestoneLifecycle.is.accepted(m.status)))
      throw new AppError(409, 'project.milestones_open');
    const satisfaction = meanSatisfaction(await satisfactionRatings(tx, id));
    const moved = await moveProject(tx, id, 'evaluateFinal', { finalScore: body.score, satisfaction, indicators });
    if (moved === undefined) throw wrongStage();
  });
}

/** Closes the project with its public result. */
export async function closeProject(db: Db, actor: Actor, id: number, resultSummary: string) {
  await projectFor(db, actor, 'project.close', id);
  if ((await moveProject(db, id, 'close', { resultSummary, closedAt: clockNow() })) === undefined) throw wrongStage();
}
