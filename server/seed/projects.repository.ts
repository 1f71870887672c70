/** The projects seed's own SQL: the social organisations it makes sure of, their agent, and the lookups. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import {
  followUps,
  matters,
  organisationAgents,
  organisationCommunities,
  organisations,
  places,
  poolMembers,
  projectCalls,
} from '../db/schema';

/** A place by its code (TA, TA-01, TA-01-01…). */
export async function placeByCode(db: DbOrTx, code: string) {
  const [row] = await db.select().from(places).where(eq(places.code, code));
  return row;
}

/** The social organisation of that name at the place, inserted if absent (part A's seed may have written it). */
export async function ensureSocialOrganisation(db: DbOrTx, place: { id: number; path: string }, name: string) {
  await db
    .insert(organisations)
    .values({ placeId: place.id, placePath: place.path, name, kind: 'social_organisation', canDeliberate: true })
    .onConflictDoNothing();
  const [row] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.placeId, place.id), eq(organisations.name, name)));
  return row!.id;
}

/**
 * The organisation serves the community (insert-if-absent) and, as registering it would, stands in that
 * community's member pool so it can be invited there.
 */
export async function ensureServes(db: DbOrTx, organisationId: number, community: { id: number; path: string }) {
  await db
    .insert(organisationCommunities)
    .values({ organisationId, placeId: community.id, placePath: community.path })
    .onConflictDoNothing();
  await db
    .insert(poolMembers)
    .values({ placeId: community.id, placePath: community.path, organisationId })
    .onConflictDoNothing();
}

/** The account acts for the organisation (insert-if-absent). */
export async function ensureAgent(db: DbOrTx, organisationId: number, accountId: number) {
  await db.insert(organisationAgents).values({ organisationId, accountId }).onConflictDoNothing();
}

/** How many calls exist: the demo projects are written once. */
export async function countCalls(db: DbOrTx): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(sql`select count(*)::int as n from ${projectCalls}`);
  return rows[0]?.n ?? 0;
}

/**
 * The demo matter a project arose from: in a community the organisation already serves when one has a
 * matter with follow-ups, the one with the most residents' follow-ups (河滨社区 holds no demo matters; the
 * journeys keep it clean), with the community it lies in.
 */
export async function originMatter(db: DbOrTx, organisationId: number) {
  const served = sql`exists (select 1 from ${organisationCommunities} oc
    where oc.organisation_id = ${organisationId} and ${matters.placePath} like oc.place_path || '%')`;
  const community = sql<number>`split_part(${matters.placePath}, '/', 4)::int`;
  const [row] = await db
    .select({ id: matters.id, title: matters.title, communityId: community })
    .from(matters)
    .where(
      sql`${matters.placePath} ~ '^/[0-9]+/[0-9]+/[0-9]+/' and exists (select 1 from ${followUps} f where f.matter_id = ${matters.id})`,
    )
    .orderBy(
      sql`${served} desc`,
      sql`(select count(*) from ${followUps} f where f.matter_id = ${matters.id}) desc`,
      asc(matters.id),
    )
    .limit(1);
  if (!row) return undefined;
  const [place] = await db.select().from(places).where(eq(places.id, row.communityId));
  return { ...row, community: place! };
}
