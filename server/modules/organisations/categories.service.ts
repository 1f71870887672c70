import type { Actor } from '../../../domain/access';
import { can } from '../../../domain/access';
import { pathIds } from '../../../domain/territory/places';
import type { Db } from '../../db/client';
import { AppError, invalid, notFound } from '../../errors';
import { authorizePlace, placeOrNotFound } from '../places';
import {
  categoriesOfCity,
  findCategory,
  insertCategory,
  lockCategoriesOfCity,
  setCategoryOrder,
  updateCategory,
} from './categories.repository';
import type { CategoryBodySchema, UpdateCategoryBodySchema } from '../../../contracts/organisations';
import type { z } from 'zod';

const isUniqueViolation = (error: unknown) => (error as { cause?: { code?: string } }).cause?.code === '23505';

/** GET /places/:id/organisation-categories — the "1+3+N" categories of the place's city, in order. */
export async function readCategories(db: Db, actor: Actor, placeId: number) {
  const place = await placeOrNotFound(db, placeId);
  authorizePlace(actor, 'organisation.view', place);
  const city = await placeOrNotFound(db, pathIds(place.path)[0]!);
  const items = await categoriesOfCity(db, city.id);
  return {
    city: { id: city.id, name: city.name },
    items: items.map(({ placeId: _p, placePath: _pp, ...c }) => c),
    abilities: { 'organisation.configure': can(actor, 'organisation.configure', { type: 'place', path: city.path }) },
  };
}

/** A city the actor configures, or the refusal. */
async function configurableCity(db: Db, actor: Actor, placeId: number) {
  const city = await placeOrNotFound(db, placeId);
  authorizePlace(actor, 'organisation.configure', city);
  if (city.kind !== 'city') throw invalid('id', 'organisation.city_only');
  return city;
}

/** POST /places/:id/organisation-categories — city officers add a category at the end of the order. */
export async function addCategory(db: Db, actor: Actor, placeId: number, body: z.infer<typeof CategoryBodySchema>) {
  const city = await configurableCity(db, actor, placeId);
  const id = await db.transaction(async (tx) => {
    await lockCategoriesOfCity(tx, city.id);
    return insertCategory(tx, city, body);
  });
  if (id === undefined) throw new AppError(409, 'organisation.category_name_taken', { field: 'name' });
  return { id };
}

/** PATCH /organisation-categories/:id — renames or re-tiers a category. */
export async function editCategory(db: Db, actor: Actor, id: number, body: z.infer<typeof UpdateCategoryBodySchema>) {
  const category = await findCategory(db, id);
  if (!category) throw notFound('organisationCategory');
  authorizePlace(actor, 'organisation.configure', { path: category.placePath });
  try {
    await db.transaction(async (tx) => {
      await findCategory(tx, id, true);
      await updateCategory(tx, id, body);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError(409, 'organisation.category_name_taken', { field: 'name' });
    throw error;
  }
  return { id };
}

/** POST /places/:id/organisation-categories/order — the city's categories in a new order (every one, once). */
export async function reorderCategories(db: Db, actor: Actor, placeId: number, ids: readonly number[]) {
  const city = await configurableCity(db, actor, placeId);
  await db.transaction(async (tx) => {
    const current = (await lockCategoriesOfCity(tx, city.id)).map((c) => c.id);
    const wanted = new Set(ids);
    if (wanted.size !== ids.length || current.length !== ids.length || current.some((c) => !wanted.has(c)))
      throw invalid('ids', 'organisation.category_order');
    await setCategoryOrder(tx, ids);
  });
  return { id: city.id };
}
