import { and, asc, count, eq, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  accounts,
  organisationAgents,
  organisationCategories,
  organisationCommunities,
  organisations,
  places,
  poolMembers,
} from '../../db/schema';
import { escapeLike, inAnySubtree, inSubtree } from '../../db/subtree';

const organisationColumns = {
  id: organisations.id,
  name: organisations.name,
  placeId: organisations.placeId,
  placePath: organisations.placePath,
  placeName: places.name,
  placeKind: places.kind,
  categoryId: organisations.categoryId,
  categoryName: organisationCategories.name,
  categoryTier: organisationCategories.tier,
  registrationNo: organisations.registrationNo,
  contactPhone: organisations.contactPhone,
  canDeliberate: organisations.canDeliberate,
  capabilities: organisations.capabilities,
  brand: organisations.brand,
  isActive: organisations.isActive,
};
export type OrganisationRow = Awaited<ReturnType<typeof findOrganisation>> & {};

const isSocial = eq(organisations.kind, 'social_organisation');

/** A social organisation registered or serving inside any of the subtrees (the shared scope rule). */
export function withinAny(subtrees: readonly string[]): SQL {
  return sql`(${inAnySubtree(organisations.placePath, subtrees)} or exists (select 1 from ${organisationCommunities} where ${organisationCommunities.organisationId} = ${organisations.id} and ${inAnySubtree(organisationCommunities.placePath, subtrees)}))`;
}

/** One social organisation with its place and category. */
export async function findOrganisation(db: DbOrTx, id: number) {
  const [row] = await db
    .select(organisationColumns)
    .from(organisations)
    .innerJoin(places, eq(places.id, organisations.placeId))
    .leftJoin(organisationCategories, eq(organisationCategories.id, organisations.categoryId))
    .where(and(eq(organisations.id, id), isSocial));
  return row;
}

/** Locks the organisation's row for the rest of the transaction. */
export async function lockOrganisation(tx: DbOrTx, id: number) {
  await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, id)).for('update');
}

export type OrganisationFilter = {
  subtrees: readonly string[];
  categoryId?: number | undefined;
  tier?: string | undefined;
  brand?: string | undefined;
  canDeliberate?: boolean | undefined;
  servesPath?: string | undefined;
  q?: string | undefined;
  activeOnly: boolean;
};

function filterOf(f: OrganisationFilter): SQL | undefined {
  return and(
    isSocial,
    f.activeOnly ? eq(organisations.isActive, true) : undefined,
    withinAny(f.subtrees),
    f.categoryId !== undefined ? eq(organisations.categoryId, f.categoryId) : undefined,
    f.tier !== undefined ? sql`${organisationCategories.tier} = ${f.tier}` : undefined,
    f.brand !== undefined ? eq(organisations.brand, f.brand) : undefined,
    f.canDeliberate !== undefined ? eq(organisations.canDeliberate, f.canDeliberate) : undefined,
    f.servesPath !== undefined
      ? sql`exists (select 1 from ${organisationCommunities} where ${organisationCommunities.organisationId} = ${organisations.id} and ${inSubtree(organisationCommunities.placePath, f.servesPath)})`
      : undefined,
    f.q ? sql`lower(${organisations.name}) like ${`%${escapeLike(f.q.toLowerCase())}%`}` : undefined,
  );
}

/** A page of social organisations matching the filter, by category order then name, and the total. */
export async function listOrganisations(db: DbOrTx, f: OrganisationFilter, page: { page: number; pageSize: number }) {
  const where = filterOf(f);
  const [rows, [total]] = await Promise.all([
    db
      .select(organisationColumns)
      .from(organisations)
      .innerJoin(places, eq(places.id, organisations.placeId))
      .leftJoin(organisationCategories, eq(organisationCategories.id, organisations.categoryId))
      .where(where)
      .orderBy(asc(organisationCategories.sortOrder), asc(organisations.name), asc(organisations.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db
      .select({ n: count() })
      .from(organisations)
      .leftJoin(organisationCategories, eq(organisationCategories.id, organisations.categoryId))
      .where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** The places each organisation serves, for a page of organisations in one query. */
export async function servedPlacesOf(db: DbOrTx, organisationIds: readonly number[]) {
  if (organisationIds.length === 0) return [];
  return db
    .select({
      organisationId: organisationCommunities.organisationId,
      id: places.id,
      name: places.name,
      kind: places.kind,
      path: places.path,
    })
    .from(organisationCommunities)
    .innerJoin(places, eq(places.id, organisationCommunities.placeId))
    .where(inArray(organisationCommunities.organisationId, [...organisationIds]))
    .orderBy(asc(places.path));
}

type OrganisationValues = {
  name: string;
  categoryId: number;
  registrationNo: string | null;
  contactPhone: string | null;
  canDeliberate: boolean;
  capabilities: string[];
  brand: string | null;
};

/** Registers a social organisation; undefined when the name (at the place) or the registration no. is taken. */
export async function insertOrganisation(tx: DbOrTx, place: { id: number; path: string }, values: OrganisationValues) {
  const [row] = await tx
    .insert(organisations)
    .values({ placeId: place.id, placePath: place.path, kind: 'social_organisation', ...values })
    .onConflictDoNothing()
    .returning({ id: organisations.id });
  return row?.id;
}

/** Whether another organisation carries this registration no. */
export async function registrationNoTaken(db: DbOrTx, registrationNo: string, exceptId = 0) {
  const [row] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.registrationNo, registrationNo), sql`${organisations.id} <> ${exceptId}`));
  return row !== undefined;
}

/** Changes an organisation's fields (unique name and registration no. are the indexes' to keep). */
export async function updateOrganisationRow(
  tx: DbOrTx,
  id: number,
  patch: Partial<OrganisationValues & { isActive: boolean }>,
) {
  const values = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  if (Object.keys(values).length > 0) await tx.update(organisations).set(values).where(eq(organisations.id, id));
}

/** Makes the served places exactly `served`; returns the places newly added. */
export async function setServedPlaces(
  tx: DbOrTx,
  organisationId: number,
  served: readonly { id: number; path: string }[],
) {
  const ids = served.map((p) => p.id);
  await tx
    .delete(organisationCommunities)
    .where(
      and(
        eq(organisationCommunities.organisationId, organisationId),
        ids.length > 0 ? notInArray(organisationCommunities.placeId, ids) : undefined,
      ),
    );
  if (served.length === 0) return [];
  return tx
    .insert(organisationCommunities)
    .values(served.map((p) => ({ organisationId, placeId: p.id, placePath: p.path })))
    .onConflictDoNothing()
    .returning({ placeId: organisationCommunities.placeId, placePath: organisationCommunities.placePath });
}

/** Puts the organisation in these communities' member pools, where it is not yet (invitable there). */
export async function addToPools(
  tx: DbOrTx,
  organisationId: number,
  communities: readonly { placeId: number; placePath: string }[],
  tags: string[],
) {
  if (communities.length === 0) return;
  await tx
    .insert(poolMembers)
    .values(communities.map((c) => ({ placeId: c.placeId, placePath: c.placePath, organisationId, tags })))
    .onConflictDoNothing();
}

/** The places (town or community) with these ids inside `root`'s subtree. */
export async function servablePlaces(db: DbOrTx, ids: readonly number[], root: string) {
  if (ids.length === 0) return [];
  return db
    .select({ id: places.id, path: places.path, kind: places.kind })
    .from(places)
    .where(
      and(inArray(places.id, [...ids]), inSubtree(places.path, root), inArray(places.kind, ['town', 'community'])),
    );
}

/** The agents of an organisation: name and (unmasked) phone, for the presenter to mask. */
export async function agentsOf(db: DbOrTx, organisationId: number) {
  return db
    .select({ accountId: accounts.id, name: accounts.displayName, phone: accounts.phone })
    .from(organisationAgents)
    .innerJoin(accounts, eq(accounts.id, organisationAgents.accountId))
    .where(eq(organisationAgents.organisationId, organisationId))
    .orderBy(asc(organisationAgents.id));
}

/** Links an account to an organisation as its agent; false when it already was. */
export async function insertAgent(tx: DbOrTx, organisationId: number, accountId: number): Promise<boolean> {
  const rows = await tx
    .insert(organisationAgents)
    .values({ organisationId, accountId })
    .onConflictDoNothing()
    .returning({ id: organisationAgents.id });
  return rows.length > 0;
}

/** Ends the link; false when there was none. */
export async function deleteAgent(tx: DbOrTx, organisationId: number, accountId: number): Promise<boolean> {
  const rows = await tx
    .delete(organisationAgents)
    .where(and(eq(organisationAgents.organisationId, organisationId), eq(organisationAgents.accountId, accountId)))
    .returning({ id: organisationAgents.id });
  return rows.length > 0;
}

/** Whether the account still acts for another organisation registered at this place (then its grant stays). */
export async function agentElsewhereAtPlace(tx: DbOrTx, accountId: number, placeId: number): Promise<boolean> {
  const [row] = await tx
    .select({ id: organisationAgents.id })
    .from(organisationAgents)
    .innerJoin(organisations, eq(organisations.id, organisationAgents.organisationId))
    .where(and(eq(organisationAgents.accountId, accountId), eq(organisations.placeId, placeId)))
    .limit(1);
  return row !== undefined;
}

/** The organisations the account is an agent of. */
export async function agentOrganisationIds(db: DbOrTx, accountId: number): Promise<number[]> {
  const rows = await db
    .select({ id: organisationAgents.organisationId })
    .from(organisationAgents)
    .where(eq(organisationAgents.accountId, accountId))
    .orderBy(asc(organisationAgents.organisationId));
  return rows.map((r) => r.id);
}

/** The organisations with these ids, as the list shows them. */
export async function organisationsByIds(db: DbOrTx, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .select(organisationColumns)
    .from(organisations)
    .innerJoin(places, eq(places.id, organisations.placeId))
    .leftJoin(organisationCategories, eq(organisationCategories.id, organisations.categoryId))
    .where(and(inArray(organisations.id, [...ids]), isSocial))
    .orderBy(asc(organisations.name));
}
