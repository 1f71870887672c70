import type { Actor } from '../../../domain/access';
import { contractMatchesLines, formatFen, missingScore, reviewTotal, sumFen } from '../../../domain/projects';
import { projectLifecycle } from '../../../domain/projects';
import type { ContractBody } from '../../../contracts/projects';
import type { Db } from '../../db/client';
import { AppError, invalid } from '../../errors';
import { clockNow } from '../../clock';
import { callOrNotFound } from './calls.service';
import { projectFor, wrongStage } from './projects.access';
import { linesOf, reviewsOf, setLineAmount, upsertReview } from './project-parts.repository';
import { lockProject, moveProject } from './projects.repository';

/** The call's officers return a submitted application with their reasons. */
export async function returnProject(db: Db, actor: Actor, id: number, reason: string) {
  await projectFor(db, actor, 'project.review', id);
  if ((await moveProject(db, id, 'return', { officerNote: reason })) === undefined) throw wrongStage();
}

/** One officer's scores of a submitted application, one per criterion of the call (0–100); rewritten on a second save. */
export async function scoreProject(
  db: Db,
  actor: Actor,
  id: number,
  body: { scores: Record<string, number>; comment: string },
) {
  const { row } = await projectFor(db, actor, 'project.review', id);
  const call = await callOrNotFound(db, row.callId);
  const missing = missingScore(call.criteria, body.scores);
  if (missing !== null) throw invalid(`scores.${missing}`, 'project.score_missing');
  await db.transaction(async (tx) => {
    const locked = await lockProject(tx, id);
    if (!locked || !projectLifecycle.is.submitted(locked.status)) throw wrongStage();
    await upsertReview(tx, { projectId: id, stage: 'application', reviewerAccountId: actor.accountId, ...body });
  });
}

/** Approves or declines a submitted application; its review total is the weighted mean of the reviews so far. */
export async function decideProject(db: Db, actor: Actor, id: number, command: 'approve' | 'decline', reason: string) {
  const { row } = await projectFor(db, actor, 'project.review', id);
  const call = await callOrNotFound(db, row.callId);
  await db.transaction(async (tx) => {
    if ((await lockProject(tx, id)) === undefined) throw wrongStage();
    const reviews = (await reviewsOf(tx, id)).filter((r) => r.stage === 'application');
    const total = reviewTotal(
      call.criteria,
      reviews.map((r) => r.scores),
    );
    if (total === null) throw new AppError(409, 'project.no_review');
    if ((await moveProject(tx, id, command, { reviewTotal: total, officerNote: reason || null })) === undefined)
      throw wrongStage();
  });
}

/**
 * Signs the purchase contract: number, amount and period. The officers may adjust the lines, which must then
 * sum to the amount exactly (to the fen).
 */
export async function contractProject(db: Db, actor: Actor, id: number, body: ContractBody) {
  await projectFor(db, actor, 'project.contract', id);
  await db.transaction(async (tx) => {
    if ((await lockProject(tx, id)) === undefined) throw wrongStage();
    const lines = await linesOf(tx, id);
    const adjusted = new Map(lines.map((l) => [l.id, l.amountFen]));
    for (const [i, line] of (body.lines ?? []).entries()) {
      if (!adjusted.has(line.id)) throw invalid(`lines.${i}.id`, 'project.unknown_line');
      adjusted.set(line.id, line.amount);
    }
    const amounts = [...adjusted.values()];
    if (!contractMatchesLines(body.amount, amounts))
      throw invalid('amount', 'project.contract_mismatch', {
        amount: formatFen(body.amount),
        total: formatFen(sumFen(amounts)),
      });
    for (const [lineId, amountFen] of adjusted) await setLineAmount(tx, id, lineId, amountFen);
    const moved = await moveProject(tx, id, 'contract', {
      contractNo: body.contractNo,
      contractAmountFen: body.amount,
      contractFrom: body.contractFrom,
      contractTo: body.contractTo,
      contractedAt: clockNow(),
    });
    if (moved === undefined) throw wrongStage();
  });
}
