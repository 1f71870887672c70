import { can, type Actor } from '../../../domain/access';
import type { Db } from '../../db/client';
import { AppError } from '../../errors';
import { activeAccountByPhone, deleteGrant, insertGrant, lockAccountGrants, recordGrantEvent } from '../grants';
import {
  agentElsewhereAtPlace,
  agentOrganisationIds,
  deleteAgent,
  insertAgent,
  organisationsByIds,
  servedPlacesOf,
  type OrganisationRow,
} from './organisations.repository';
import { presentOrganisation } from './organisations.presenter';
import { visibleOrganisation } from './organisations.service';

const role = 'organisation_agent' as const;

/** Refuses unless the actor may appoint or revoke this organisation's agents (officers of its place or above). */
function authorizeAgentGrant(
  actor: Actor,
  action: 'grant.appoint' | 'grant.revoke',
  row: OrganisationRow,
  accountId: number | null,
) {
  if (can(actor, action, { type: 'grant', path: row.placePath, role, accountId })) return;
  throw new AppError(403, accountId === actor.accountId ? 'grant.self' : 'grant.denied');
}

/**
 * POST /organisations/:id/agents — appoints the account using `phone` as the organisation's agent
 * (联络人): an `organisation_agent` grant on its place (recorded in the record of grants) and the link.
 */
export async function appointAgent(db: Db, actor: Actor, organisationId: number, phone: string) {
  const { row } = await visibleOrganisation(db, actor, organisationId);
  authorizeAgentGrant(actor, 'grant.appoint', row, null);
  const account = await activeAccountByPhone(db, phone);
  if (!account) throw new AppError(400, 'supervision.account_unknown', { field: 'phone' });
  authorizeAgentGrant(actor, 'grant.appoint', row, account.id);
  const place = { id: row.placeId, path: row.placePath };
  await db.transaction(async (tx) => {
    await lockAccountGrants(tx, account.id);
    if (!(await insertAgent(tx, row.id, account.id)))
      throw new AppError(409, 'organisation.agent_already', { field: 'phone' });
    const granted = await insertGrant(tx, { accountId: account.id, role, placeId: place.id });
    if (granted !== undefined) {
      await recordGrantEvent(tx, {
        accountId: account.id,
        role,
        place,
        kind: 'granted',
        actor: { accountId: actor.accountId },
        reason: row.name,
      });
    }
  });
  return { id: account.id };
}

/** DELETE /organisations/:id/agents/:accountId — ends the link, and the grant when no other organisation there keeps it. */
export async function revokeAgent(db: Db, actor: Actor, organisationId: number, accountId: number, reason: string) {
  const { row } = await visibleOrganisation(db, actor, organisationId);
  authorizeAgentGrant(actor, 'grant.revoke', row, accountId);
  await db.transaction(async (tx) => {
    await lockAccountGrants(tx, accountId);
    if (!(await deleteAgent(tx, row.id, accountId))) throw new AppError(404, 'grant.unknown');
    if (await agentElsewhereAtPlace(tx, accountId, row.placeId)) return;
    const place = { id: row.placeId, path: row.placePath };
    await deleteGrant(tx, { accountId, role, placeId: place.id });
    await recordGrantEvent(tx, {
      accountId,
      role,
      place,
      kind: 'revoked',
      actor: { accountId: actor.accountId },
      reason,
    });
  });
  return { id: accountId };
}

/** GET /organisations/mine — 我的组织: the organisations the account acts for (any account; often none). */
export async function readMyOrganisations(db: Db, actor: Actor) {
  const ids = await agentOrganisationIds(db, actor.accountId);
  const [rows, served] = await Promise.all([organisationsByIds(db, ids), servedPlacesOf(db, ids)]);
  return { items: rows.map((r) => presentOrganisation(r, served)) };
}
