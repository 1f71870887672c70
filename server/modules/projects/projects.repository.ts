import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { ListScope } from '../../../domain/access';
import {
  isContractedProject,
  projectLifecycle,
  type ProjectCommand,
  type ProjectStatus,
} from '../../../domain/projects';
import type { PlacePath } from '../../../domain/territory/places';
import type { DbOrTx } from '../../db/client';
import { inStates, notInStates } from '../../db/lifecycle-sql';
import {
  organisationAgents as agents,
  organisations,
  places,
  projectBudgetLines as lines,
  projectCalls as calls,
  projectCommunities as communities,
  projectSpendings as spendings,
  projects,
} from '../../db/schema';
import { inScope, inSubtree } from '../../db/subtree';

const contractedStates = projectLifecycle.states.filter((s) => isContractedProject(s));

/**
 * A project's budget by the counting rule: its contract amount once contracted, else the sum of its lines;
 * its spending the sum of its spendings. Integer fen.
 */
const budgetFen = sql<number>`(case when ${inStates(projects.status, contractedStates)} then ${projects.contractAmountFen}
  else (select coalesce(sum(l.amount_fen), 0) from ${lines} l where l.project_id = ${projects.id}) end)::bigint`;
const spentFen = sql<number>`(select coalesce(sum(s.amount_fen), 0) from ${spendings} s where s.project_id = ${projects.id})::bigint`;

/** Projects matching `where`, with their call's title and year and their organisation's name. */
async function projectRows(db: DbOrTx, where: SQL | undefined) {
  const rows = await db
    .select({
      project: projects,
      callTitle: calls.title,
      year: calls.year,
      organisationName: organisations.name,
      budgetFen,
      spentFen,
    })
    .from(projects)
    .innerJoin(calls, eq(calls.id, projects.callId))
    .innerJoin(organisations, eq(organisations.id, projects.organisationId))
    .where(where)
    .orderBy(desc(calls.year), desc(projects.id));
  return rows.map((r) => ({
    ...r.project,
    callTitle: r.callTitle,
    year: r.year,
    organisationName: r.organisationName,
    budgetFen: Number(r.budgetFen),
    spentFen: Number(r.spentFen),
  }));
}
export type ProjectRow = Awaited<ReturnType<typeof projectRows>>[number];

export const projectById = async (db: DbOrTx, id: number) => (await projectRows(db, eq(projects.id, id)))[0];

/** Served inside any of the subtrees. */
const servesWithin = (scope: ListScope) =>
  sql`exists (select 1 from ${communities} c where c.project_id = ${projects.id} and ${inScope(sql`c.place_path`, scope)})`;

/** The counting rule's "within P": the call's place inside P's subtree, or a community served inside it. */
const withinPlace = (path: PlacePath) =>
  sql`(${inSubtree(projects.placePath, path)} or exists (select 1 from ${communities} c where c.project_id = ${projects.id} and ${inSubtree(sql`c.place_path`, path)}))`;

/** The agent's own organisations' projects, in any stage. */
const ofAgent = (accountId: number) =>
  sql`exists (select 1 from ${agents} a where a.organisation_id = ${projects.organisationId} and a.account_id = ${accountId})`;

export type ProjectFilter = { placePath?: PlacePath; year?: number; status?: ProjectStatus; callId?: number };

/**
 * Projects the actor may read (as `project.view` decides: the agent's own; officers' past the draft, by
 * the call's place or a community served), narrowed by the filter.
 */
export async function projectsFor(db: DbOrTx, officerScope: ListScope, accountId: number, filter: ProjectFilter) {
  return projectRows(
    db,
    and(
      sql`(${ofAgent(accountId)} or (${notInStates(projects.status, [projectLifecycle.initial])}
        and (${inScope(projects.placePath, officerScope)} or ${servesWithin(officerScope)})))`,
      filter.placePath ? withinPlace(filter.placePath) : undefined,
      filter.year ? eq(calls.year, filter.year) : undefined,
      filter.status ? inStates(projects.status, [filter.status]) : undefined,
      filter.callId ? eq(projects.callId, filter.callId) : undefined,
    ),
  );
}

/** Closed projects, newest first (the public showcase). */
export async function closedProjects(db: DbOrTx, id?: number) {
  return projectRows(
    db,
    and(inStates(projects.status, [projectLifecycle.state.closed]), id ? eq(projects.id, id) : undefined),
  );
}

/** Contracted projects of a call (the call's finance export). */
export async function contractedProjectsOf(db: DbOrTx, callId: number) {
  return projectRows(db, and(eq(projects.callId, callId), inStates(projects.status, contractedStates)));
}

export async function insertProject(db: DbOrTx, values: typeof projects.$inferInsert) {
  const [row] = await db.insert(projects).values(values).returning({ id: projects.id });
  return row!.id;
}

/** Locks a project row for a command (lock order: project, then its lines, milestones, spendings). */
export async function lockProject(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ status: projects.status, callId: projects.callId })
    .from(projects)
    .where(eq(projects.id, id))
    .for('update');
  return row;
}

/** Moves a project by a lifecycle command from a state it allows, writing `set`; undefined when it was not. */
export async function moveProject(
  db: DbOrTx,
  id: number,
  command: ProjectCommand,
  set: Partial<typeof projects.$inferInsert> = {},
) {
  const { from, to } = projectLifecycle.transitions[command];
  const [row] = await db
    .update(projects)
    .set({ ...set, status: to })
    .where(and(eq(projects.id, id), inStates(projects.status, from)))
    .returning({ id: projects.id });
  return row?.id;
}

export async function updateProject(db: DbOrTx, id: number, set: Partial<typeof projects.$inferInsert>) {
  await db.update(projects).set(set).where(eq(projects.id, id));
}

/** The communities each project serves, by project id. */
export async function communitiesOf(db: DbOrTx, projectIds: readonly number[]) {
  if (projectIds.length === 0) return new Map<number, { id: number; name: string; path: string }[]>();
  const rows = await db
    .select({ projectId: communities.projectId, id: places.id, name: places.name, path: places.path })
    .from(communities)
    .innerJoin(places, eq(places.id, communities.placeId))
    .where(sql`${communities.projectId} in ${projectIds}`)
    .orderBy(asc(places.path));
  const byProject = new Map<number, { id: number; name: string; path: string }[]>();
  for (const r of rows) byProject.set(r.projectId, [...(byProject.get(r.projectId) ?? []), r]);
  return byProject;
}
