import { can, scopeFor, type Actor } from '../../../domain/access';
import { maskPhone } from '../../../domain/people/phone';
import { pathIds } from '../../../domain/territory/places';
import type { OrganisationBody, OrganisationsQuery, UpdateOrganisationBody } from '../../../contracts/organisations';
import type { Db, DbOrTx } from '../../db/client';
import { AppError, forbidden, invalid, missing, notFound } from '../../errors';
import { authorizePlace, placeOrNotFound } from '../places';
import { findCategory } from './categories.repository';
import {
  addToPools,
  agentOrganisationIds,
  agentsOf,
  findOrganisation,
  insertOrganisation,
  listOrganisations,
  lockOrganisation,
  registrationNoTaken,
  servablePlaces,
  servedPlacesOf,
  setServedPlaces,
  updateOrganisationRow,
  type OrganisationRow,
} from './organisations.repository';
import { presentContactPhone, presentOrganisation } from './organisations.presenter';

const isUniqueViolation = (error: unknown) => (error as { cause?: { code?: string } }).cause?.code === '23505';
const placeSubject = (path: string) => ({ type: 'place' as const, path });

/**
 * GET /organisations — social organisations within `placeId` (registered or serving inside it, active),
 * or within every place the actor reads the register of; filtered by category, tier, brand, the
 * can-deliberate flag, a served place, a name.
 */
export async function readOrganisations(db: Db, actor: Actor, query: OrganisationsQuery) {
  let subtrees = scopeFor(actor, 'organisation.view').subtrees;
  if (query.placeId !== undefined) {
    const place = await placeOrNotFound(db, query.placeId);
    authorizePlace(actor, 'organisation.view', place);
    subtrees = [place.path];
  } else if (subtrees.length === 0) throw forbidden();
  const serves = query.servesPlaceId !== undefined ? await placeOrNotFound(db, query.servesPlaceId) : undefined;
  const { rows, total } = await listOrganisations(
    db,
    {
      subtrees,
      categoryId: query.categoryId,
      tier: query.tier,
      brand: query.brand,
      canDeliberate: query.canDeliberate === undefined ? undefined : query.canDeliberate === 'true',
      servesPath: serves?.path,
      q: query.q,
      activeOnly: true,
    },
    query,
  );
  const served = await servedPlacesOf(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => presentOrganisation(r, served)), total, page: query.page, pageSize: query.pageSize };
}

/** The organisation, or 404 unless the actor reads the register where it is registered or serves, or acts for it. */
export async function visibleOrganisation(db: DbOrTx, actor: Actor, id: number) {
  const row = await findOrganisation(db, id);
  if (!row) throw notFound('organisation');
  const served = await servedPlacesOf(db, [id]);
  const sees =
    [row.placePath, ...served.map((s) => s.path)].some((path) => can(actor, 'organisation.view', placeSubject(path))) ||
    (await agentOrganisationIds(db, actor.accountId)).includes(id);
  if (!sees) throw notFound('organisation');
  return { row, served };
}

/** GET /organisations/:id — the register entry, its agents (phones masked) and what the viewer may do. */
export async function readOrganisation(db: Db, actor: Actor, id: number) {
  const { row, served } = await visibleOrganisation(db, actor, id);
  const manages = can(actor, 'organisation.manage', placeSubject(row.placePath));
  const agents = await agentsOf(db, id);
  const isAgent = agents.some((a) => a.accountId === actor.accountId);
  return {
    ...presentOrganisation(row, served),
    registrationNo: row.registrationNo,
    ...presentContactPhone(row.contactPhone, manages || isAgent),
    agents: agents.map((a) => ({ accountId: a.accountId, name: a.name, phone: maskPhone(a.phone) })),
    abilities: { 'organisation.manage': manages },
  };
}

/** The category must be one of the city's (the city is the first place on the path). */
async function checkCategory(db: DbOrTx, categoryId: number, placePath: string) {
  const category = await findCategory(db, categoryId);
  if (!category || category.placeId !== pathIds(placePath)[0]) throw missing('categoryId', 'organisationCategory');
}

/** Served places must be towns or communities inside the registering place. */
async function checkServed(db: DbOrTx, ids: readonly number[], placePath: string) {
  const unique = [...new Set(ids)];
  const rows = await servablePlaces(db, unique, placePath);
  if (rows.length !== unique.length) throw missing('servedPlaceIds', 'place');
  return rows;
}

/** Serving these places: the link rows, and a pool entry in each newly served community. */
async function serve(
  tx: DbOrTx,
  organisationId: number,
  places: readonly { id: number; path: string; kind: string }[],
  capabilities: string[],
) {
  const added = await setServedPlaces(tx, organisationId, places);
  const communities = new Set(places.filter((p) => p.kind === 'community').map((p) => p.id));
  await addToPools(
    tx,
    organisationId,
    added.filter((a) => communities.has(a.placeId)),
    capabilities,
  );
}

async function conflictOf(db: DbOrTx, registrationNo: string | null | undefined, exceptId?: number) {
  if (registrationNo && (await registrationNoTaken(db, registrationNo, exceptId)))
    return new AppError(409, 'organisation.registration_taken', { field: 'registrationNo' });
  return new AppError(409, 'organisation.name_taken', { field: 'name' });
}

/**
 * POST /places/:id/organisations — officers of a city or town register a social organisation there;
 * each community it serves gets it in its member pool (so it can be invited there).
 */
export async function registerOrganisation(db: Db, actor: Actor, placeId: number, body: OrganisationBody) {
  const place = await placeOrNotFound(db, placeId);
  authorizePlace(actor, 'organisation.manage', place);
  if (place.kind !== 'city' && place.kind !== 'town') throw invalid('id', 'organisation.place_kind');
  await checkCategory(db, body.categoryId, place.path);
  const served = await checkServed(db, body.servedPlaceIds, place.path);
  const { servedPlaceIds: _served, ...values } = body;
  const id = await db.transaction(async (tx) => {
    const created = await insertOrganisation(tx, place, values);
    if (created !== undefined) await serve(tx, created, served, body.capabilities);
    return created;
  });
  if (id === undefined) throw await conflictOf(db, body.registrationNo);
  return { id };
}

/** Refuses unless the actor manages organisations at its registering place (or above). */
function authorizeManage(actor: Actor, row: OrganisationRow) {
  if (!can(actor, 'organisation.manage', placeSubject(row.placePath))) throw forbidden();
}

/** PATCH /organisations/:id — changes the register entry; newly served communities get it in their pool. */
export async function updateOrganisation(db: Db, actor: Actor, id: number, body: UpdateOrganisationBody) {
  const { row } = await visibleOrganisation(db, actor, id);
  authorizeManage(actor, row);
  if (body.categoryId !== undefined) await checkCategory(db, body.categoryId, row.placePath);
  const served = body.servedPlaceIds ? await checkServed(db, body.servedPlaceIds, row.placePath) : undefined;
  const { servedPlaceIds: _served, ...patch } = body;
  try {
    await db.transaction(async (tx) => {
      await lockOrganisation(tx, id);
      await updateOrganisationRow(tx, id, patch);
      if (served) await serve(tx, id, served, body.capabilities ?? row.capabilities);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw await conflictOf(db, body.registrationNo, id);
    throw error;
  }
  return { id };
}
