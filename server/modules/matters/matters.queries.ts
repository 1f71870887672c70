import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { abilitiesFor, scopeFor, type Actor } from '../../../domain/access';
import { matterPageActions } from '../../../contracts/matters';
import {
  capabilities,
  checkTransition,
  commandsFrom,
  matterLifecycle,
  stepOf,
  transitions,
  type MatterCommand,
} from '../../../domain/matters/stages';
import { pathIds } from '../../../domain/territory/places';
import { publicName } from '../../../domain/people/public-name';
import type { Db } from '../../db/client';
import {
  accounts,
  invitations,
  matterEvents,
  matterFiles,
  matterFormats,
  matterSupports,
  matters,
  places,
  residents,
} from '../../db/schema';
import { inScope } from '../../db/subtree';
import { gatherMatterFacts } from './matter-facts';
import { loadVisibleMatter, type MatterRow } from './matter-command';

/** The matter page: details, trail, timeline from the chain, abilities and the commands open now. */
export async function readMatterPage(db: Db, actor: Actor, matterId: number) {
  const { matter, subject } = await loadVisibleMatter(db, actor, matterId);
  const status = matter.status;
  const abilities = abilitiesFor(actor, matterPageActions, subject);
  const isStaffViewer = abilities['matter.export'];
  const [trail, events, format, supported, proposer, photos] = await Promise.all([
    db
      .select({ id: places.id, name: places.name, kind: places.kind })
      .from(places)
      .where(inArray(places.id, pathIds(matter.placePath))),
    db
      .select({
        seq: matterEvents.seq,
        action: matterEvents.action,
        at: matterEvents.at,
        actorName: accounts.displayName,
        payload: matterEvents.payload,
      })
      .from(matterEvents)
      .leftJoin(accounts, eq(accounts.id, matterEvents.actorAccountId))
      .where(eq(matterEvents.matterId, matter.id))
      .orderBy(asc(matterEvents.seq)),
    matter.formatId
      ? db.select().from(matterFormats).where(eq(matterFormats.id, matter.formatId))
      : Promise.resolve([]),
    db
      .select()
      .from(matterSupports)
      .where(and(eq(matterSupports.matterId, matter.id), eq(matterSupports.accountId, actor.accountId))),
    // Raised on a resident's behalf: the resident is the proposer, whoever's account carries it.
    matter.proposerResidentId
      ? db.select({ name: residents.name }).from(residents).where(eq(residents.id, matter.proposerResidentId))
      : db.select({ name: accounts.displayName }).from(accounts).where(eq(accounts.id, matter.proposerAccountId)),
    db
      .select({ id: matterFiles.id })
      .from(matterFiles)
      .where(and(eq(matterFiles.matterId, matter.id), eq(matterFiles.purpose, 'raised')))
      .orderBy(asc(matterFiles.id)),
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
    // The proposer reads their own name; neighbours see 居民 + initial.
    proposerName: publicName(proposer[0]?.name ?? '', isStaffViewer || matter.proposerAccountId === actor.accountId),
    step: stepOf(status),
    trail: pathIds(matter.placePath)
      .map((id) => trail.find((p) => p.id === id)!)
      .filter(Boolean),
    format: format[0] ? { id: format[0].id, name: format[0].name } : null,
    hasSupported: supported.length > 0,
    /** Photos sent with the matter when it was raised (bytes at GET /api/matter-files/:id). */
    photos,
    capabilities: capabilities[status],
    abilities,
    commands,
    timeline: events.map((e) => ({
      seq: e.seq,
      action: e.action,
      at: e.at.toISOString(),
      actorName: publicName(e.actorName ?? '', isStaffViewer),
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
  query: { scope: 'mine' | 'queue'; status?: string; page: number; pageSize: number },
) {
  const where =
    query.scope === 'queue'
      ? inScope(matters.placePath, scopeFor(actor, 'matter.listQueue'))
      : or(
          eq(matters.proposerAccountId, actor.accountId),
          sql`exists (select 1 from ${matterSupports} s where s.matter_id = ${matters.id} and s.account_id = ${actor.accountId})`,
          sql`exists (select 1 from ${invitations} i where i.matter_id = ${matters.id}
                and (i.account_id = ${actor.accountId} or i.resident_id = ${actor.residentId ?? -1}))`,
        );
  // An unknown status in the query string matches no matter (the column holds only known states).
  const byStatus = (status: string) => (matterLifecycle.isState(status) ? eq(matters.status, status) : sql`false`);
  const filter = query.status ? and(where, byStatus(query.status)) : where;
  const [rows, counts] = await Promise.all([
    db
      .select()
      .from(matters)
      .where(filter)
      .orderBy(desc(matters.updatedAt))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ status: matters.status, n: sql<number>`count(*)::int` })
      .from(matters)
      .where(where)
      .groupBy(matters.status),
  ]);
  const isStaff = query.scope === 'queue';
  return {
    items: rows.map((m) => presentMatter(m, isStaff)),
    countsByStatus: Object.fromEntries(counts.map((c) => [c.status, c.n])),
    total: counts.filter((c) => !query.status || c.status === query.status).reduce((s, c) => s + c.n, 0),
    page: query.page,
    pageSize: query.pageSize,
  };
}
