import { abilitiesFor, can, scopeFor, type Actor } from '../../../domain/access';
import { budgetReport, isEditableProject, type ProjectStatus } from '../../../domain/projects';
import type { ProjectView, ProjectSummary, PublicProject } from '../../../contracts/projects';
import type { Db } from '../../db/client';
import { notFound } from '../../errors';
import { findPlace } from '../places';
import { agentOrganisations } from './calls.repository';
import { callOrNotFound } from './calls.service';
import { projectFor } from './projects.access';
import {
  evidenceOf,
  linesOf,
  mattersOf,
  mattersWithin,
  milestonesOf,
  reviewsOf,
  spendingsOf,
} from './project-parts.repository';
import { closedProjects, communitiesOf, projectsFor, type ProjectRow } from './projects.repository';

const projectActions = [
  'project.edit',
  'project.submit',
  'project.review',
  'project.contract',
  'project.report',
  'project.acceptMilestone',
  'project.evaluate',
  'project.close',
  'project.export',
] as const;

/** Rows as list items, with the communities each serves. */
export async function presentSummaries(db: Db, rows: ProjectRow[]): Promise<ProjectSummary[]> {
  const served = await communitiesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    callId: r.callId,
    callTitle: r.callTitle,
    year: r.year,
    title: r.title,
    organisationName: r.organisationName,
    status: r.status,
    budgetFen: r.budgetFen,
    spentFen: r.spentFen,
    reviewTotal: r.reviewTotal,
    communities: (served.get(r.id) ?? []).map(({ id, name }) => ({ id, name })),
  }));
}

/** `/projects?placeId=&year=&status=`: the projects within the place by the counting rule that the actor may read. */
export async function listProjects(
  db: Db,
  actor: Actor,
  q: { placeId?: number; year?: number; status?: ProjectStatus },
) {
  let placePath: string | undefined;
  if (q.placeId !== undefined) {
    const place = await findPlace(db, q.placeId);
    if (!place) return { items: [], total: 0 };
    placePath = place.path;
  }
  const rows = await projectsFor(db, scopeFor(actor, 'call.manage'), actor.accountId, {
    ...(placePath ? { placePath } : {}),
    ...(q.year ? { year: q.year } : {}),
    ...(q.status ? { status: q.status } : {}),
  });
  return { items: await presentSummaries(db, rows), total: rows.length };
}

/** A project's page: application, budget vs spent, milestones with evidence, reviews, and what the viewer may do. */
export async function readProject(db: Db, actor: Actor, id: number): Promise<ProjectView> {
  const { row, subject, communities } = await projectFor(db, actor, null, id);
  const call = await callOrNotFound(db, row.callId);
  const [lines, spendings, milestones, files, reviews, matters] = await Promise.all([
    linesOf(db, id),
    spendingsOf(db, id),
    milestonesOf(db, id),
    evidenceOf(db, id),
    reviewsOf(db, id),
    mattersOf(db, id),
  ]);
  const report = budgetReport(lines, spendings);
  const abilities = abilitiesFor(actor, projectActions, subject);
  let options: ProjectView['options'] = { communities: [], matters: [] };
  if (abilities['project.edit'] && isEditableProject(row.status)) {
    const organisation = (await agentOrganisations(db, actor.accountId)).find((o) => o.id === row.organisationId);
    const reachable = (organisation?.communities ?? []).filter((c) => c.path.startsWith(row.placePath));
    const ms = await mattersWithin(
      db,
      reachable.map((c) => c.path),
    );
    options = {
      communities: reachable.map(({ id: cid, name }) => ({ id: cid, name })),
      matters: ms.map((m) => ({ id: m.id, title: m.title, placeId: m.placeId })),
    };
  }
  // Officers read every reviewer's scores; the organisation reads only the decision and its total.
  const seesReviews = can(actor, 'project.review', subject) || !subject.isAgent;
  return {
    id: row.id,
    call: {
      id: call.id,
      title: call.title,
      year: call.year,
      maxPerProjectFen: call.maxPerProjectFen,
      criteria: call.criteria,
      status: call.status,
    },
    organisation: { id: row.organisationId, name: row.organisationName },
    title: row.title,
    aims: row.aims,
    status: row.status,
    governances: row.governances,
    indicators: row.indicators,
    officerNote: row.officerNote,
    reviewTotal: row.reviewTotal,
    contractNo: row.contractNo,
    contractAmountFen: row.contractAmountFen,
    contractFrom: row.contractFrom,
    contractTo: row.contractTo,
    midtermScore: row.midtermScore,
    finalScore: row.finalScore,
    satisfaction: row.satisfaction,
    resultSummary: row.resultSummary,
    communities: communities.map(({ id: cid, name }) => ({ id: cid, name })),
    matters,
    lines: report.lines.map((l) => ({
      id: l.id,
      name: l.name,
      budgetFen: l.budgetFen,
      spentFen: l.spentFen,
      remainingFen: l.remainingFen,
    })),
    totals: report.totals,
    milestones: milestones.map((m) => ({
      id: m.id,
      title: m.title,
      dueOn: m.dueOn,
      status: m.status,
      report: m.report,
      reviewNote: m.reviewNote,
      files: files.filter((f) => f.milestoneId === m.id).map((f) => ({ id: f.id, fileName: f.fileName })),
    })),
    spendings: spendings.map((s) => ({
      id: s.id,
      budgetLineId: s.budgetLineId,
      amountFen: s.amountFen,
      spentOn: s.spentOn,
      note: s.note,
    })),
    reviews: seesReviews
      ? reviews.map((r) => ({
          stage: r.stage,
          mine: r.reviewerAccountId === actor.accountId,
          scores: r.scores,
          comment: r.comment,
        }))
      : [],
    options,
    abilities,
  };
}

/** Closed projects' results for the public (no login): organisation and place names, no persons. */
export async function readPublicProjects(db: Db, id?: number): Promise<PublicProject[]> {
  const rows = await closedProjects(db, id);
  const served = await communitiesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    year: r.year,
    organisationName: r.organisationName,
    communities: (served.get(r.id) ?? []).map((c) => c.name),
    governances: r.governances,
    aims: r.aims,
    resultSummary: r.resultSummary ?? '',
    finalScore: r.finalScore,
    satisfaction: r.satisfaction,
    contractAmountFen: r.contractAmountFen,
    indicators: r.indicators,
    closedAt: r.closedAt ? r.closedAt.toISOString() : null,
  }));
}

export async function readPublicProject(db: Db, id: number) {
  const [project] = await readPublicProjects(db, id);
  if (!project) throw notFound('project');
  return project;
}
