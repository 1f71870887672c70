import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { MilestoneCommand, ProjectMatterRelation, ProjectReviewStage } from '../../../domain/projects';
import { milestoneLifecycle } from '../../../domain/projects';
import type { DbOrTx } from '../../db/client';
import { inStates } from '../../db/lifecycle-sql';
import {
  followUps,
  matters,
  places,
  projectBudgetLines as lines,
  projectCommunities as communities,
  projectEvidenceFiles as files,
  projectMatters,
  projectMilestones as milestones,
  projectReviews as reviews,
  projectSpendings as spendings,
} from '../../db/schema';
import { inAnySubtree } from '../../db/subtree';

export const linesOf = (db: DbOrTx, projectId: number) =>
  db.select().from(lines).where(eq(lines.projectId, projectId)).orderBy(asc(lines.sortOrder), asc(lines.id));
export const milestonesOf = (db: DbOrTx, projectId: number) =>
  db
    .select()
    .from(milestones)
    .where(eq(milestones.projectId, projectId))
    .orderBy(asc(milestones.sortOrder), asc(milestones.id));
export const spendingsOf = (db: DbOrTx, projectId: number) =>
  db
    .select()
    .from(spendings)
    .where(eq(spendings.projectId, projectId))
    .orderBy(asc(spendings.spentOn), asc(spendings.id));
export const reviewsOf = (db: DbOrTx, projectId: number) =>
  db.select().from(reviews).where(eq(reviews.projectId, projectId)).orderBy(asc(reviews.id));

/** Every budget line and spending of several projects (the call's export). */
export async function linesAndSpendingsOf(db: DbOrTx, projectIds: readonly number[]) {
  if (projectIds.length === 0) return { lines: [], spendings: [] };
  return {
    lines: await db
      .select()
      .from(lines)
      .where(sql`${lines.projectId} in ${projectIds}`)
      .orderBy(asc(lines.projectId), asc(lines.sortOrder), asc(lines.id)),
    spendings: await db
      .select()
      .from(spendings)
      .where(sql`${spendings.projectId} in ${projectIds}`),
  };
}

export async function evidenceOf(db: DbOrTx, projectId: number) {
  return db
    .select({ id: files.id, milestoneId: files.milestoneId, fileName: files.fileName })
    .from(files)
    .innerJoin(milestones, eq(milestones.id, files.milestoneId))
    .where(eq(milestones.projectId, projectId))
    .orderBy(asc(files.id));
}

export async function evidenceFileById(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ storageKey: files.storageKey, contentType: files.contentType, projectId: milestones.projectId })
    .from(files)
    .innerJoin(milestones, eq(milestones.id, files.milestoneId))
    .where(eq(files.id, id));
  return row;
}

export async function insertEvidenceFile(db: DbOrTx, values: typeof files.$inferInsert) {
  await db.insert(files).values(values);
}

export async function mattersOf(db: DbOrTx, projectId: number) {
  return db
    .select({ id: matters.id, title: matters.title, relation: projectMatters.relation })
    .from(projectMatters)
    .innerJoin(matters, eq(matters.id, projectMatters.matterId))
    .where(eq(projectMatters.projectId, projectId))
    .orderBy(asc(projectMatters.id));
}

/** Matters of the communities (open or done, newest first), to choose the ones a project carries. */
export async function mattersWithin(db: DbOrTx, paths: readonly string[], limit = 60) {
  if (paths.length === 0) return [];
  return db
    .select({ id: matters.id, title: matters.title, placeId: matters.placeId, placePath: matters.placePath })
    .from(matters)
    .where(inAnySubtree(matters.placePath, paths))
    .orderBy(desc(matters.id))
    .limit(limit);
}

/** The matters by id with their place paths (to check they lie in the communities served). */
export async function matterPaths(db: DbOrTx, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: matters.id, placePath: matters.placePath })
    .from(matters)
    .where(sql`${matters.id} in ${ids}`);
}

/** Places by id (communities the application names). */
export async function placesByIds(db: DbOrTx, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: places.id, path: places.path })
    .from(places)
    .where(sql`${places.id} in ${ids}`);
}

/** Rewrites what an application lists: communities, matters, budget lines and milestones (under the project lock). */
export async function replaceApplicationParts(
  db: DbOrTx,
  projectId: number,
  parts: {
    communities: { id: number; path: string }[];
    matters: { id: number; relation: ProjectMatterRelation }[];
    lines: { name: string; amountFen: number }[];
    milestones: { title: string; dueOn: string }[];
  },
) {
  await db.delete(communities).where(eq(communities.projectId, projectId));
  await db.delete(projectMatters).where(eq(projectMatters.projectId, projectId));
  await db.delete(lines).where(eq(lines.projectId, projectId));
  await db.delete(milestones).where(eq(milestones.projectId, projectId));
  if (parts.communities.length > 0)
    await db
      .insert(communities)
      .values(parts.communities.map((c) => ({ projectId, placeId: c.id, placePath: c.path })));
  if (parts.matters.length > 0)
    await db
      .insert(projectMatters)
      .values(parts.matters.map((m) => ({ projectId, matterId: m.id, relation: m.relation })));
  await db.insert(lines).values(parts.lines.map((l, i) => ({ projectId, ...l, sortOrder: i })));
  await db.insert(milestones).values(parts.milestones.map((m, i) => ({ projectId, ...m, sortOrder: i })));
}

export async function setLineAmount(db: DbOrTx, projectId: number, lineId: number, amountFen: number) {
  await db
    .update(lines)
    .set({ amountFen })
    .where(and(eq(lines.id, lineId), eq(lines.projectId, projectId)));
}

/** Upserts one reviewer's scores of a project at a stage. */
export async function upsertReview(
  db: DbOrTx,
  values: {
    projectId: number;
    stage: ProjectReviewStage;
    reviewerAccountId: number;
    scores: Record<string, number>;
    comment: string;
  },
) {
  await db
    .insert(reviews)
    .values(values)
    .onConflictDoUpdate({
      target: [reviews.projectId, reviews.stage, reviews.reviewerAccountId],
      set: { scores: values.scores, comment: values.comment, updatedAt: sql`now()` },
    });
}

/** Locks a milestone of the project (after the project's lock). */
export async function lockMilestone(db: DbOrTx, projectId: number, milestoneId: number) {
  const [row] = await db
    .select({ status: milestones.status })
    .from(milestones)
    .where(and(eq(milestones.id, milestoneId), eq(milestones.projectId, projectId)))
    .for('update');
  return row;
}

/** Moves a milestone by a command from a state it allows, writing `set`; undefined when it was not. */
export async function moveMilestone(
  db: DbOrTx,
  milestoneId: number,
  command: MilestoneCommand,
  set: Partial<typeof milestones.$inferInsert>,
) {
  const { from, to } = milestoneLifecycle.transitions[command];
  const [row] = await db
    .update(milestones)
    .set({ ...set, status: to })
    .where(and(eq(milestones.id, milestoneId), inStates(milestones.status, from)))
    .returning({ id: milestones.id });
  return row?.id;
}

export async function insertSpending(db: DbOrTx, values: typeof spendings.$inferInsert) {
  await db.insert(spendings).values(values);
}

/** Residents' satisfaction ratings (1–5) from the follow-ups of the project's matters. */
export async function satisfactionRatings(db: DbOrTx, projectId: number) {
  const rows = await db
    .select({ satisfaction: followUps.satisfaction })
    .from(followUps)
    .innerJoin(projectMatters, eq(projectMatters.matterId, followUps.matterId))
    .where(eq(projectMatters.projectId, projectId));
  return rows.map((r) => r.satisfaction);
}

/** The projects a matter gave rise to or is carried by. */
export async function projectIdsOfMatter(db: DbOrTx, matterId: number) {
  return db
    .select({ projectId: projectMatters.projectId, relation: projectMatters.relation })
    .from(projectMatters)
    .where(eq(projectMatters.matterId, matterId));
}
