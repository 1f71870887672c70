import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { ListScope } from '../../../domain/access';
import { callLifecycle, type CallCommand } from '../../../domain/projects';
import type { DbOrTx } from '../../db/client';
import { inStates } from '../../db/lifecycle-sql';
import {
  organisationAgents as agents,
  organisationCommunities as served,
  organisations,
  places,
  projectCalls as calls,
  projects,
} from '../../db/schema';
import { inScope, inSubtree } from '../../db/subtree';

/** Calls matching `where`, newest year first, with their place's name and how many projects each has. */
async function callRows(db: DbOrTx, where: SQL | undefined) {
  const rows = await db
    .select({
      call: calls,
      placeName: places.name,
      projectCount: sql<number>`(select count(*)::int from ${projects} p where p.call_id = ${calls.id})`,
    })
    .from(calls)
    .innerJoin(places, eq(places.id, calls.placeId))
    .where(where)
    .orderBy(desc(calls.year), desc(calls.id));
  return rows.map((r) => ({ ...r.call, placeName: r.placeName, projectCount: r.projectCount }));
}
export type CallRow = Awaited<ReturnType<typeof callRows>>[number];

export const callById = async (db: DbOrTx, id: number) => (await callRows(db, eq(calls.id, id)))[0];

/** A call whose place lies within the registered or served places of an organisation the account acts for. */
const reachesAgentOf = (accountId: number) => sql`exists (
  select 1 from ${agents} a join ${organisations} o on o.id = a.organisation_id
  where a.account_id = ${accountId} and o.is_active
    and (${inSubtree(sql`o.place_path`, calls.placePath)}
      or exists (select 1 from ${served} s where s.organisation_id = o.id and ${inSubtree(sql`s.place_path`, calls.placePath)})))`;

/** Calls the officers manage (any status) and the open calls an agent's organisations may apply to. */
export async function callsFor(db: DbOrTx, scope: ListScope, accountId: number) {
  return callRows(
    db,
    sql`(${inScope(calls.placePath, scope)} or (${inStates(calls.status, [callLifecycle.state.open])} and ${reachesAgentOf(accountId)}))`,
  );
}

export async function insertCall(db: DbOrTx, values: typeof calls.$inferInsert) {
  const [row] = await db.insert(calls).values(values).returning({ id: calls.id });
  return row!.id;
}

/** Moves a call by a lifecycle command from a state it allows; undefined when someone moved it first. */
export async function moveCall(db: DbOrTx, id: number, command: CallCommand) {
  const { from, to } = callLifecycle.transitions[command];
  const [row] = await db
    .update(calls)
    .set({ status: to })
    .where(and(eq(calls.id, id), inStates(calls.status, from)))
    .returning({ id: calls.id });
  return row?.id;
}

/** Locks a call row (lock order: call, then project). */
export async function lockCall(db: DbOrTx, id: number) {
  const [row] = await db.select({ status: calls.status }).from(calls).where(eq(calls.id, id)).for('share');
  return row;
}

/** The active organisations the account acts for, with the places each serves (and is registered at). */
export async function agentOrganisations(db: DbOrTx, accountId: number) {
  const rows = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      placePath: organisations.placePath,
      servedId: places.id,
      servedName: places.name,
      servedPath: places.path,
    })
    .from(agents)
    .innerJoin(organisations, and(eq(organisations.id, agents.organisationId), eq(organisations.isActive, true)))
    .leftJoin(served, eq(served.organisationId, organisations.id))
    .leftJoin(places, eq(places.id, served.placeId))
    .where(eq(agents.accountId, accountId))
    .orderBy(organisations.name, places.path);
  const byId = new Map<
    number,
    { id: number; name: string; placePath: string; communities: { id: number; name: string; path: string }[] }
  >();
  for (const r of rows) {
    const org = byId.get(r.id) ?? { id: r.id, name: r.name, placePath: r.placePath, communities: [] };
    if (r.servedId !== null && r.servedName !== null && r.servedPath !== null)
      org.communities.push({ id: r.servedId, name: r.servedName, path: r.servedPath });
    byId.set(r.id, org);
  }
  return [...byId.values()];
}

/** Whether the account is an agent of the organisation (the link is the row). */
export async function isAgentOf(db: DbOrTx, organisationId: number, accountId: number) {
  const [row] = await db
    .select({ id: agents.id })
    .from(agents)
    .where(and(eq(agents.organisationId, organisationId), eq(agents.accountId, accountId)));
  return row !== undefined;
}
