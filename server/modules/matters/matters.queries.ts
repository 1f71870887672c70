import { abilitiesFor, scopeFor, type Actor } from '../../../domain/access';
import { matterPageActions } from '../../../contracts/matters';
import {
  capabilities,
  checkTransition,
  commandsFrom,
  stepOf,
  transitions,
  type MatterCommand,
} from '../../../domain/matters/stages';
import type { MatterListScope } from '../../../domain/matters/list-scopes';
import { pathIds } from '../../../domain/territory/places';
import { personLabel } from '../../../domain/people/public-name';
import type { Db } from '../../db/client';
import { gatherMatterFacts } from './matter-facts';
import { loadVisibleMatter, type MatterRow } from './matter-command';
import { timelineRows } from './matter-events.repository';
import { matterListPage } from './matters-list.repository';
import {
  accountPerson,
  hasSupport,
  isFollowing,
  raisedPhotoIds,
  residentName,
  trailPlaces,
} from './matters.repository';
import { findFormat } from './formats.repository';
import { presentFormat } from './formats.presenter';

/** The matter page: details, trail, timeline from the chain, abilities and the commands open now. */
export async function readMatterPage(db: Db, actor: Actor, matterId: number) {
  const { matter, subject } = await loadVisibleMatter(db, actor, matterId);
  const status = matter.status;
  const abilities = abilitiesFor(actor, matterPageActions, subject);
  const isStaffViewer = abilities['matter.export'];
  const [trail, events, format, supported, followed, proposer, photos] = await Promise.all([
    trailPlaces(db, matter.placePath),
    timelineRows(db, matter.id),
    matter.formatId ? findFormat(db, matter.formatId) : Promise.resolve(undefined),
    hasSupport(db, matter.id, actor.accountId),
    isFollowing(db, matter.id, actor.accountId),
    // Raised on a resident's behalf: the resident is the proposer, whoever's account carries it.
    matter.proposerResidentId
      ? residentName(db, matter.proposerResidentId).then((name) => ({
          name: name ?? '',
          standing: 'resident' as const,
        }))
      : accountPerson(db, matter.proposerAccountId),
    raisedPhotoIds(db, matter.id),
  ]);
  const canMove = abilities['matter.vet'] || abilities['matter.manage'];
  const facts = canMove ? await gatherMatterFacts(db, matter.id, status) : undefined;
  const commands = commandsFrom(status)
    .filter(() => canMove)
    .map((command: MatterCommand) => {
      const check = checkTransition(command, facts!);
      return {
        command,
        to: transitions[command].to,
        blockers: check.ok ? [] : check.reason === 'guard' ? check.failures.map((f) => f.code) : [],
      };
    });
  return {
    matter: presentMatter(matter, isStaffViewer),
    // The proposer reads their own name; neighbours see 居民 + initial (社区工作人员 for staff).
    proposer: personLabel(
      proposer ?? { name: '', standing: 'resident' },
      isStaffViewer || matter.proposerAccountId === actor.accountId,
    ),
    step: stepOf(status),
    trail: pathIds(matter.placePath)
      .map((id) => trail.find((p) => p.id === id)!)
      .filter(Boolean),
    format: format ? presentFormat(format) : null,
    hasSupported: supported,
    isFollowed: followed,
    /** Photos sent with the matter when it was raised (bytes at GET /api/matter-files/:id). */
    photos,
    capabilities: capabilities[status],
    abilities,
    commands,
    timeline: events.map((e) => ({
      seq: e.seq,
      action: e.action,
      at: e.at.toISOString(),
      actor: personLabel(e.actorName === null ? null : { name: e.actorName, standing: e.actorStanding }, isStaffViewer),
    })),
  };
}

export function presentMatter(m: MatterRow, isStaffViewer: boolean) {
  return {
    id: m.id,
    placeId: m.placeId,
    level: m.level,
    kind: m.kind,
    category: m.category,
    governances: m.governances,
    title: m.title,
    description: m.description,
    status: m.status,
    visibility: m.visibility,
    supportCount: m.supportCount,
    declineReason: m.declineReason,
    mergedIntoId: m.mergedIntoId,
    referralDepartment: m.referralDepartment,
    referralDueOn: m.referralDueOn,
    isRaisedOnBehalf: m.raisedByAccountId !== null,
    convenorAccountId: isStaffViewer ? m.convenorAccountId : null,
    sealedAt: m.sealedAt?.toISOString() ?? null,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

/**
 * "mine": matters I raised, support or am invited to. "queue": the work queue of matters inside the
 * places where I manage, by stage — one query each, never a check per row.
 */
export async function listMatters(
  db: Db,
  actor: Actor,
  query: { scope: MatterListScope; status?: string; page: number; pageSize: number },
) {
  const { rows, counts } = await matterListPage(
    db,
    query.scope === 'queue'
      ? { queue: scopeFor(actor, 'matter.listQueue') }
      : { mine: { accountId: actor.accountId, residentId: actor.residentId } },
    query,
  );
  const isStaff = query.scope === 'queue';
  return {
    items: rows.map((m) => presentMatter(m, isStaff)),
    countsByStatus: Object.fromEntries(counts.map((c) => [c.status, c.n])),
    total: counts.filter((c) => !query.status || c.status === query.status).reduce((s, c) => s + c.n, 0),
    page: query.page,
    pageSize: query.pageSize,
  };
}
