import { can, scopeFor, type Actor } from '../../../domain/access';
import {
  applicationLifecycle,
  criteriaProblem,
  isEditableApplication,
  type Criterion,
} from '../../../domain/demonstration';
import { isWithin } from '../../../domain/territory/places';
import type { SchemeBody, DraftBody } from '../../../contracts/demonstration';
import type { Db, DbOrTx } from '../../db/client';
import { AppError, invalid, missing, notFound } from '../../errors';
import { authorize } from '../../plugins/authorize';
import { clockNow } from '../../clock';
import { authorizePlace, findPlace, placeOrNotFound } from '../places';
import { applicationAccess, applicationSubject, wrongStage } from './demonstration.access';
import { computedFigures } from './demonstration.metrics';
import {
  applicationById,
  applicationsInScope,
  insertApplication,
  insertScheme,
  listSchemeRows,
  moveApplication,
  schemeById,
  updateApplicationIn,
  updateSchemeIfUnused,
  type ApplicationRow,
} from './demonstration.repository';

/** Refuses criteria that break the scheme's rules, naming the criterion and field at fault. */
function checkCriteria(criteria: Criterion[]) {
  const problem = criteriaProblem(criteria);
  if (problem)
    throw invalid(
      problem.index < 0 ? 'criteria' : `criteria.${problem.index}.${problem.field}`,
      'demonstration.criteria',
    );
}

/** Every scheme (the rules are no secret to staff), newest first. */
export async function listSchemes(db: Db) {
  return listSchemeRows(db);
}

/** A scheme by id, or a 404. */
export async function schemeOrNotFound(db: DbOrTx, id: number) {
  const scheme = await schemeById(db, id);
  if (!scheme) throw notFound('scheme');
  return scheme;
}

/** Publishes a city's scheme for a year; 409 `demonstration.duplicate_year` when it has one. */
export async function createScheme(db: Db, actor: Actor, body: SchemeBody) {
  const city = await findPlace(db, body.placeId);
  if (!city) throw missing('placeId', 'place');
  authorizePlace(actor, 'scheme.manage', city);
  if (city.kind !== 'city') throw invalid('placeId');
  checkCriteria(body.criteria);
  const { placeId, ...terms } = body;
  const id = await insertScheme(db, { ...terms, placeId, placePath: city.path });
  if (id === undefined) throw new AppError(409, 'demonstration.duplicate_year', { field: 'year' });
  return schemeOrNotFound(db, id);
}

/** Rewrites a scheme while every application under it is still a draft (409 `scheme_in_use` after). */
export async function updateScheme(db: Db, actor: Actor, id: number, body: SchemeBody) {
  const scheme = await schemeOrNotFound(db, id);
  authorizePlace(actor, 'scheme.manage', { path: scheme.placePath });
  checkCriteria(body.criteria);
  const { placeId: _city, ...terms } = body;
  try {
    if ((await updateSchemeIfUnused(db, id, terms)) === undefined)
      throw new AppError(409, 'demonstration.scheme_in_use');
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === '23505')
      throw new AppError(409, 'demonstration.duplicate_year', { field: 'year' });
    throw error;
  }
  return schemeOrNotFound(db, id);
}

/** A community's draft application under a scheme; 409 `already_applied` for a second one. */
export async function applyFor(db: Db, actor: Actor, schemeId: number, placeId: number) {
  const scheme = await schemeOrNotFound(db, schemeId);
  const community = await placeOrNotFound(db, placeId);
  authorizePlace(actor, 'application.submit', community);
  if (community.kind !== 'community') throw invalid('placeId', 'demonstration.not_a_community');
  if (!isWithin(community.path, scheme.placePath)) throw missing('placeId', 'place');
  const id = await insertApplication(db, {
    schemeId,
    placeId: community.id,
    placePath: community.path,
    createdBy: actor.accountId,
  });
  if (id === undefined) throw new AppError(409, 'demonstration.already_applied', { field: 'placeId' });
  return id;
}

/** The application if the actor may see it (404 otherwise) and may do `action` on it (403 otherwise). */
export async function applicationFor(db: DbOrTx, actor: Actor, action: Parameters<typeof can>[1] | null, id: number) {
  const row = await applicationById(db, id);
  authorize(actor, action, row && applicationSubject(row.application.placePath), applicationAccess);
  return row!;
}

const evidencedKeys = (row: ApplicationRow) =>
  new Set(row.criteria.filter((c) => c.kind === 'evidenced').map((c) => c.key));

/** Saves the statement and evidence of a draft (or returned) application. */
export async function saveDraft(db: Db, actor: Actor, id: number, body: DraftBody) {
  const row = await applicationFor(db, actor, 'application.submit', id);
  const keys = evidencedKeys(row);
  const unknown = Object.keys(body.evidence).find((k) => !keys.has(k));
  if (unknown !== undefined) throw invalid(`evidence.${unknown}`, 'demonstration.unknown_criterion');
  const evidence = Object.fromEntries(Object.entries(body.evidence).filter(([, v]) => v !== ''));
  const editable = applicationLifecycle.states.filter((s) => isEditableApplication(s));
  if ((await updateApplicationIn(db, id, editable, { statement: body.statement, evidence })) === undefined)
    throw wrongStage();
}

/** Submits the self-assessment: its computed figures are read now and frozen with it. */
export async function submitApplication(db: Db, actor: Actor, id: number) {
  const row = await applicationFor(db, actor, 'application.submit', id);
  if (!applicationLifecycle.allows('submit', row.application.status)) throw wrongStage();
  // Read before the transaction: the statistics queries run side by side on the pool.
  const computed = await computedFigures(
    db,
    { id: row.application.placeId, path: row.application.placePath },
    { from: row.periodFrom, to: row.periodTo },
    row.criteria,
  );
  if ((await moveApplication(db, id, 'submit', { computed, submittedAt: clockNow() })) === undefined)
    throw wrongStage();
}

/** The town recommends the application to the city, with an optional note. */
export async function recommendApplication(db: Db, actor: Actor, id: number, note: string) {
  await applicationFor(db, actor, 'application.recommend', id);
  if ((await moveApplication(db, id, 'recommend', { townNote: note || null })) === undefined) throw wrongStage();
}

/** The town returns the application to the community with its reasons. */
export async function returnApplication(db: Db, actor: Actor, id: number, reason: string) {
  await applicationFor(db, actor, 'application.recommend', id);
  if ((await moveApplication(db, id, 'return', { townNote: reason })) === undefined) throw wrongStage();
}

/** Applications the actor may read, of one scheme or one community when asked. */
export async function listApplications(db: Db, actor: Actor, q: { schemeId?: number; placeId?: number }) {
  return applicationsInScope(db, scopeFor(actor, 'application.view'), q);
}
