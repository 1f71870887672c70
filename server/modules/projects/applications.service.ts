import type { Actor } from '../../../domain/access';
import { budgetOverCap, callLifecycle, formatFen, isEditableProject, sumFen } from '../../../domain/projects';
import { isWithin } from '../../../domain/territory/places';
import type { ApplicationBody } from '../../../contracts/projects';
import type { Db } from '../../db/client';
import { AppError, invalid, missing } from '../../errors';
import { clockNow } from '../../clock';
import { agentOrganisations, lockCall } from './calls.repository';
import { callOrNotFound, visibleCall } from './calls.service';
import { projectFor, wrongStage } from './projects.access';
import { linesOf } from './project-parts.repository';
import { matterPaths, placesByIds, replaceApplicationParts } from './project-parts.repository';
import { insertProject, lockProject, moveProject, updateProject } from './projects.repository';

const callNotOpen = () => new AppError(409, 'project.call_not_open');

/** The organisation's agent starts a draft application to an open call that reaches the organisation. */
export async function applyToCall(
  db: Db,
  actor: Actor,
  callId: number,
  body: { organisationId: number; title: string },
) {
  const call = await visibleCall(db, actor, callId);
  const organisation = (await agentOrganisations(db, actor.accountId)).find((o) => o.id === body.organisationId);
  if (!organisation) throw new AppError(403, 'project.not_agent', { field: 'organisationId' });
  const reaches = [organisation.placePath, ...organisation.communities.map((c) => c.path)].some((p) =>
    isWithin(p, call.placePath),
  );
  if (!reaches) throw invalid('organisationId', 'project.call_out_of_reach');
  return db.transaction(async (tx) => {
    const locked = await lockCall(tx, callId);
    if (!locked || !callLifecycle.is.open(locked.status)) throw callNotOpen();
    return insertProject(tx, {
      callId,
      organisationId: organisation.id,
      placePath: call.placePath,
      title: body.title,
      createdBy: actor.accountId,
    });
  });
}

/**
 * Saves the application while draft or returned: communities the organisation serves (inside the call's
 * place), matters of those communities (one may be its origin), lines within the call's cap, milestones,
 * indicators and the 四治 tags. Everything is rewritten under the project's lock.
 */
export async function saveApplication(db: Db, actor: Actor, id: number, body: ApplicationBody) {
  const { row } = await projectFor(db, actor, 'project.edit', id);
  const call = await callOrNotFound(db, row.callId);
  const organisation = (await agentOrganisations(db, actor.accountId)).find((o) => o.id === row.organisationId);
  const servedIds = new Set(organisation?.communities.map((c) => c.id));
  const communities = await placesByIds(db, body.communityIds);
  const stranger = body.communityIds.findIndex(
    (cid) => !servedIds.has(cid) || !communities.some((c) => c.id === cid && isWithin(c.path, call.placePath)),
  );
  if (stranger >= 0) throw invalid(`communityIds.${stranger}`, 'project.community_not_served');
  const matters = await matterPaths(db, body.matterIds);
  const outside = body.matterIds.findIndex(
    (mid) => !matters.some((m) => m.id === mid && communities.some((c) => isWithin(m.placePath, c.path))),
  );
  if (outside >= 0) throw invalid(`matterIds.${outside}`, 'project.matter_out_of_reach');
  if (body.originMatterId !== null && !body.matterIds.includes(body.originMatterId))
    throw invalid('originMatterId', 'project.origin_not_listed');
  const names = body.lines.map((l) => l.name);
  const duplicate = names.findIndex((n, i) => names.indexOf(n) !== i);
  if (duplicate >= 0) throw invalid(`lines.${duplicate}.name`, 'project.duplicate_line');
  const amounts = body.lines.map((l) => l.amount);
  if (budgetOverCap(amounts, call.maxPerProjectFen))
    throw invalid('lines', 'project.over_cap', {
      total: formatFen(sumFen(amounts)),
      max: formatFen(call.maxPerProjectFen),
    });
  await db.transaction(async (tx) => {
    const locked = await lockProject(tx, id);
    if (!locked || !isEditableProject(locked.status)) throw wrongStage();
    await updateProject(tx, id, {
      title: body.title,
      aims: body.aims,
      governances: [...new Set(body.governances)],
      indicators: body.indicators,
    });
    await replaceApplicationParts(tx, id, {
      communities: communities.filter((c) => body.communityIds.includes(c.id)),
      matters: body.matterIds.map((mid) => ({ id: mid, relation: mid === body.originMatterId ? 'origin' : 'served' })),
      lines: body.lines.map((l) => ({ name: l.name, amountFen: l.amount })),
      milestones: body.milestones,
    });
  });
}

/** Submits the application to its call, which must still be open; its lines must fit the call's cap. */
export async function submitApplication(db: Db, actor: Actor, id: number) {
  const { row, communities } = await projectFor(db, actor, 'project.submit', id);
  if (communities.length === 0) throw missing('communityIds', 'place');
  await db.transaction(async (tx) => {
    const call = await lockCall(tx, row.callId);
    if (!call || !callLifecycle.is.open(call.status)) throw callNotOpen();
    if ((await lockProject(tx, id)) === undefined) throw wrongStage();
    const lines = await linesOf(tx, id);
    const terms = await callOrNotFound(tx, row.callId);
    if (
      lines.length === 0 ||
      budgetOverCap(
        lines.map((l) => l.amountFen),
        terms.maxPerProjectFen,
      )
    )
      throw invalid('lines', 'project.over_cap', {
        total: formatFen(sumFen(lines.map((l) => l.amountFen))),
        max: formatFen(terms.maxPerProjectFen),
      });
    if ((await moveProject(tx, id, 'submit', { submittedAt: clockNow(), officerNote: null })) === undefined)
      throw wrongStage();
  });
}
