import { asc, eq, max } from 'drizzle-orm';
import type { StructureTier } from '../../../domain/organisations/structure';
import type { DbOrTx } from '../../db/client';
import { organisationCategories } from '../../db/schema';

const categoryColumns = {
  id: organisationCategories.id,
  placeId: organisationCategories.placeId,
  placePath: organisationCategories.placePath,
  name: organisationCategories.name,
  tier: organisationCategories.tier,
  description: organisationCategories.description,
  sortOrder: organisationCategories.sortOrder,
};
export type CategoryRow = Awaited<ReturnType<typeof categoriesOfCity>>[number];

/** The city's categories in display order. */
export async function categoriesOfCity(db: DbOrTx, cityId: number) {
  return db
    .select(categoryColumns)
    .from(organisationCategories)
    .where(eq(organisationCategories.placeId, cityId))
    .orderBy(asc(organisationCategories.sortOrder), asc(organisationCategories.id));
}

/** One category; `forUpdate` locks it for the rest of the transaction. */
export async function findCategory(db: DbOrTx, id: number, forUpdate = false) {
  const query = db.select(categoryColumns).from(organisationCategories).where(eq(organisationCategories.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

/** Adds a category at the end of the city's order; undefined when the city has one of that name. */
export async function insertCategory(
  tx: DbOrTx,
  city: { id: number; path: string },
  input: { name: string; tier: StructureTier; description: string },
) {
  const [last] = await tx
    .select({ n: max(organisationCategories.sortOrder) })
    .from(organisationCategories)
    .where(eq(organisationCategories.placeId, city.id));
  const [row] = await tx
    .insert(organisationCategories)
    .values({ placeId: city.id, placePath: city.path, ...input, sortOrder: (last?.n ?? 0) + 1 })
    .onConflictDoNothing()
    .returning({ id: organisationCategories.id });
  return row?.id;
}

/** Changes a category (a name another category of the city has fails on the unique index). */
export async function updateCategory(
  tx: DbOrTx,
  id: number,
  patch: { name?: string | undefined; tier?: StructureTier | undefined; description?: string | undefined },
) {
  const values = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  if (Object.keys(values).length > 0)
    await tx.update(organisationCategories).set(values).where(eq(organisationCategories.id, id));
}

/** Locks the city's categories (in id order) so two reorders run one after the other. */
export async function lockCategoriesOfCity(tx: DbOrTx, cityId: number) {
  return tx
    .select({ id: organisationCategories.id })
    .from(organisationCategories)
    .where(eq(organisationCategories.placeId, cityId))
    .orderBy(asc(organisationCategories.id))
    .for('update');
}

/** Sets each category's position to its index in `ids`. */
export async function setCategoryOrder(tx: DbOrTx, ids: readonly number[]) {
  for (const [index, id] of ids.entries()) {
    await tx
      .update(organisationCategories)
      .set({ sortOrder: index + 1 })
      .where(eq(organisationCategories.id, id));
  }
}
