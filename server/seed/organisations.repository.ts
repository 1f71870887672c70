/** The demo social organisations' own writes: every one inserts only what is absent, so any part may seed first. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { StructureTier } from '../../domain/organisations/structure';
import type { DbOrTx } from '../db/client';
import {
  accounts,
  organisationAgents,
  organisationCategories,
  organisationCommunities,
  organisations,
  places,
  poolMembers,
} from '../db/schema';

/** Places by roster code. */
export async function placesByCode(db: DbOrTx, codes: readonly string[]) {
  return db
    .select({ id: places.id, path: places.path, code: places.code, kind: places.kind })
    .from(places)
    .where(inArray(places.code, [...codes]));
}

/** The city's category of that name, created when absent. */
export async function ensureCategory(
  tx: DbOrTx,
  city: { id: number; path: string },
  category: { name: string; tier: StructureTier; description: string; sortOrder: number },
): Promise<number> {
  await tx
    .insert(organisationCategories)
    .values({ placeId: city.id, placePath: city.path, ...category })
    .onConflictDoNothing();
  const [row] = await tx
    .select({ id: organisationCategories.id })
    .from(organisationCategories)
    .where(and(eq(organisationCategories.placeId, city.id), eq(organisationCategories.name, category.name)));
  return row!.id;
}

/** The social organisation of that name at the place, created when absent (blank fields filled in). */
export async function ensureSocialOrganisation(
  tx: DbOrTx,
  place: { id: number; path: string },
  values: {
    name: string;
    categoryId: number;
    registrationNo: string;
    contactPhone: string;
    canDeliberate: boolean;
    capabilities: string[];
    brand: string | null;
  },
): Promise<number> {
  const [row] = await tx
    .insert(organisations)
    .values({ placeId: place.id, placePath: place.path, kind: 'social_organisation', ...values })
    .onConflictDoUpdate({
      target: [organisations.placeId, organisations.name],
      set: {
        categoryId: sql`coalesce(${organisations.categoryId}, excluded.category_id)`,
        registrationNo: sql`coalesce(${organisations.registrationNo}, excluded.registration_no)`,
        contactPhone: sql`coalesce(${organisations.contactPhone}, excluded.contact_phone)`,
        brand: sql`coalesce(${organisations.brand}, excluded.brand)`,
      },
    })
    .returning({ id: organisations.id });
  return row!.id;
}

/** The organisation serves the place (and, a community, has it in its member pool). */
export async function ensureServing(
  tx: DbOrTx,
  organisationId: number,
  place: { id: number; path: string; kind: string },
  tags: string[],
) {
  await tx
    .insert(organisationCommunities)
    .values({ organisationId, placeId: place.id, placePath: place.path })
    .onConflictDoNothing();
  if (place.kind === 'community') {
    await tx
      .insert(poolMembers)
      .values({ placeId: place.id, placePath: place.path, organisationId, tags })
      .onConflictDoNothing();
  }
}

/** The account using `phone` is the organisation's agent (its grant comes with the demo accounts). */
export async function ensureAgent(tx: DbOrTx, organisationId: number, phone: string) {
  const [account] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.phone, phone));
  if (!account) return;
  await tx.insert(organisationAgents).values({ organisationId, accountId: account.id }).onConflictDoNothing();
}
