import { can, placeRoleRules, scopeFor, type Actor } from '../../../domain/access';
import { COMMUNITY_DEPTH, ancestorPathAt, isWithin } from '../../../domain/territory/places';
import {
  nominationLifecycle,
  selectionLifecycle,
  type NominationStatus,
  type NominatorKind,
} from '../../../domain/talents';
import type { NominateBody } from '../../../contracts/talents';
import type { Db } from '../../db/client';
import { AppError, invalid, missing } from '../../errors';
import { todayInChina } from '../../calendar';
import { clockNow } from '../../clock';
import { authorizePlace, placeOrNotFound } from '../places';
import { nominationFor, nominationSubject, wrongStage } from './talents.access';
import { selectionOrNotFound } from './talent-selections.service';
import { personBy, recordOf } from './talent-records.repository';
import { insertNomination, nominationsInScope, nominationsOfAccount, updateNominationIn } from './talents.repository';

/** Where a person belongs: the community of their home, else of their first grant at or below a community. */
function communityOf(person: { homePath: string | null; grantPaths: string[] }): string | undefined {
  const paths = [person.homePath, ...person.grantPaths].filter((p): p is string => p !== null);
  return paths.map((p) => ancestorPathAt(p, COMMUNITY_DEPTH)).find((p) => p !== undefined);
}

/** Community staff nominate as a community; anyone whose nominating grant sits above one, as a town. */
function nominatorKindFor(actor: Actor, communityPath: string): NominatorKind {
  const roles: readonly string[] = placeRoleRules['talentNomination.nominate'];
  return actor.grants.some((g) => roles.includes(g.role) && g.placePath === communityPath) ? 'community' : 'town';
}

/**
 * Nominates a person in a selection taking nominations: staff name the person by phone (someone of
 * their place), a person without a phone nominates themself (which is their consent). One nomination
 * per person and year (409 `talents.already_nominated`).
 */
export async function nominate(db: Db, actor: Actor, selectionId: number, body: NominateBody) {
  const selection = await selectionOrNotFound(db, selectionId);
  if (!selectionLifecycle.is.nominating(selection.status)) throw new AppError(409, 'talents.not_nominating');
  if (todayInChina() > selection.nominationsCloseOn)
    throw new AppError(409, 'talents.nominations_closed', { params: { closeOn: selection.nominationsCloseOn } });
  const isSelf = body.phone === undefined;
  const person = await personBy(db, isSelf ? { accountId: actor.accountId } : { phone: body.phone! });
  if (!person) throw missing('phone', 'resident');
  const community = communityOf(person);
  if (!community || !isWithin(community, selection.placePath))
    throw invalid(isSelf ? 'statement' : 'phone', 'talents.no_community');
  const nominatorKind: NominatorKind = isSelf || person.accountId === actor.accountId ? 'self' : 'town';
  if (nominatorKind !== 'self' && !can(actor, 'talentNomination.nominate', nominationSubject(community)))
    throw invalid('phone', 'talents.nominee_outside');
  const id = await insertNomination(db, {
    selectionId,
    accountId: person.accountId,
    placePath: community,
    nominatorKind: nominatorKind === 'self' ? 'self' : nominatorKindFor(actor, community),
    nominatedBy: actor.accountId,
    statement: body.statement,
    // The record is read live while nominated and frozen at the eligibility decision.
    record: await recordOf(db, person.accountId),
    consentedAt: nominatorKind === 'self' ? clockNow() : null,
  });
  if (id === undefined) throw new AppError(409, 'talents.already_nominated', { field: isSelf ? 'statement' : 'phone' });
  return id;
}

/** Stages in which the nominee may still agree (before the public notice). */
const consentStates = nominationLifecycle.states.filter(
  (s) => nominationLifecycle.is.nominated(s) || nominationLifecycle.is.eligible(s),
);

/** The nominee agrees, on their own login, to be nominated and named in public. */
export async function consentTo(db: Db, actor: Actor, id: number) {
  const row = await nominationFor(db, actor, null, id);
  if (row.nomination.accountId !== actor.accountId) throw new AppError(403, 'talents.not_nominee');
  if (row.nomination.consentedAt) throw new AppError(409, 'talents.already_consented');
  if ((await updateNominationIn(db, id, consentStates, { consentedAt: clockNow() })) === undefined) throw wrongStage();
}

/** Nominations the actor may list (staff over the place), of a place's subtree, year and stage. */
export async function listNominations(
  db: Db,
  actor: Actor,
  q: { placeId?: number | undefined; year?: number | undefined; status?: NominationStatus | undefined },
) {
  let placePath: string | undefined;
  if (q.placeId) {
    const place = await placeOrNotFound(db, q.placeId);
    authorizePlace(actor, 'talentNomination.view', place);
    placePath = place.path;
  }
  return nominationsInScope(db, scopeFor(actor, 'talentNomination.view'), {
    ...(placePath ? { placePath } : {}),
    ...(q.year ? { year: q.year } : {}),
    ...(q.status ? { status: q.status } : {}),
  });
}

/** The actor's own nominations (any year), newest first. */
export async function myNominations(db: Db, actor: Actor) {
  return nominationsOfAccount(db, actor.accountId);
}
