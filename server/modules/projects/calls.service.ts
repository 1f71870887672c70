import { scopeFor, type Actor } from '../../../domain/access';
import { callCriteriaProblem, callLifecycle, type CallCommand } from '../../../domain/projects';
import type { CallBody } from '../../../contracts/projects';
import type { Db, DbOrTx } from '../../db/client';
import { AppError, invalid, missing, notFound } from '../../errors';
import { authorizePlace, findPlace } from '../places';
import { agentOrganisations, callById, callsFor, insertCall, moveCall, type CallRow } from './calls.repository';
import { projectsFor } from './projects.repository';

/** A call by id, or a 404. */
export async function callOrNotFound(db: DbOrTx, id: number) {
  const call = await callById(db, id);
  if (!call) throw notFound('call');
  return call;
}

/** Whether the actor may read the call: its officers, or an agent whose organisation it reaches while open. */
export async function visibleCall(db: DbOrTx, actor: Actor, id: number): Promise<CallRow> {
  const rows = await callsFor(db, scopeFor(actor, 'call.manage'), actor.accountId);
  const call = rows.find((c) => c.id === id);
  if (!call) throw notFound('call');
  return call;
}

/** The calls the actor manages or may apply to. */
export async function listCalls(db: Db, actor: Actor) {
  return callsFor(db, scopeFor(actor, 'call.manage'), actor.accountId);
}

/** Publishes a draft call of a city or town (criteria weights sum to 100). */
export async function createCall(db: Db, actor: Actor, body: CallBody) {
  const place = await findPlace(db, body.placeId);
  if (!place) throw missing('placeId', 'place');
  authorizePlace(actor, 'call.manage', place);
  if (place.kind !== 'city' && place.kind !== 'town') throw invalid('placeId', 'project.call_place');
  const problem = callCriteriaProblem(body.criteria);
  if (problem)
    throw invalid(problem.index < 0 ? 'criteria' : `criteria.${problem.index}.${problem.field}`, 'project.criteria');
  const id = await insertCall(db, {
    placeId: place.id,
    placePath: place.path,
    year: body.year,
    title: body.title,
    description: body.description,
    budgetFen: body.budget,
    maxPerProjectFen: body.maxPerProject,
    criteria: body.criteria,
    opensOn: body.opensOn,
    closesOn: body.closesOn,
    createdBy: actor.accountId,
  });
  return callOrNotFound(db, id);
}

/** Opens or closes a call; 409 when its status does not allow it (or someone did it first). */
export async function moveCallBy(db: Db, actor: Actor, id: number, command: CallCommand) {
  const call = await visibleCall(db, actor, id);
  authorizePlace(actor, 'call.manage', { path: call.placePath });
  if ((await moveCall(db, id, command)) === undefined) throw new AppError(409, 'project.call_wrong_stage');
  return callOrNotFound(db, id);
}

/** The call with the projects the actor may read under it and the organisations the actor applies for. */
export async function readCallDetail(db: Db, actor: Actor, id: number) {
  const call = await visibleCall(db, actor, id);
  const projects = await projectsFor(db, scopeFor(actor, 'call.manage'), actor.accountId, { callId: id });
  const organisations = callLifecycle.is.open(call.status) ? await agentOrganisations(db, actor.accountId) : [];
  return { call, projects, organisations };
}
