import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { abilitiesFor, can, type Actor } from '../../../domain/access';
import { maskPhone } from '../../../domain/people/phone';
import type { Db, DbOrTx } from '../../db/client';
import { accounts, inboxItems, matterOversight, places, roleGrants, supervisionFindings } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { loadVisibleMatter, runMatterCommand } from '../matters';
import { authorizePlace, placeOrNotFound } from '../places';
import type { FindingBody } from './supervision.schemas';

/** Active supervisors holding the grant on the place or a place above it, nearest first. */
async function supervisorsOver(db: DbOrTx, placePath: string) {
  return db
    .select({
      accountId: accounts.id,
      name: accounts.displayName,
      phone: accounts.phone,
      placeId: places.id,
      placeName: places.name,
    })
    .from(roleGrants)
    .innerJoin(accounts, eq(accounts.id, roleGrants.accountId))
    .innerJoin(places, eq(places.id, roleGrants.placeId))
    .where(
      and(
        eq(roleGrants.role, 'supervisor'),
        eq(accounts.isActive, true),
        sql`starts_with(${placePath}, ${places.path})`,
      ),
    )
    .orderBy(sql`length(${places.path}) desc`, asc(accounts.id));
}

/** GET /places/:id/supervisors: anyone who may browse the place; phones in full only for its staff. */
export async function listSupervisors(db: Db, actor: Actor, placeId: number) {
  const place = await placeOrNotFound(db, placeId);
  authorizePlace(actor, 'place.view', place);
  const isStaff = can(actor, 'resident.viewPhone', { type: 'place', path: place.path });
  const rows = await supervisorsOver(db, place.path);
  return {
    items: rows.map((r) => ({
      accountId: r.accountId,
      name: r.name,
      phone: isStaff ? r.phone : maskPhone(r.phone),
      placeName: r.placeName,
      isHere: r.placeId === place.id,
    })),
  };
}

/** 聘任监督员: grants `supervisor` on the place to the account with this phone (idempotent). */
export async function appointSupervisor(db: Db, actor: Actor, placeId: number, phone: string) {
  const place = await placeOrNotFound(db, placeId);
  authorizePlace(actor, 'supervisor.appoint', place);
  const [account] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.phone, phone), eq(accounts.isActive, true)));
  if (!account) throw new AppError(400, 'supervision.account_unknown', { field: 'phone' });
  await db
    .insert(roleGrants)
    .values({ accountId: account.id, role: 'supervisor', placeId: place.id })
    .onConflictDoNothing();
  return { id: account.id };
}

/** Ends a supervisor's grant on this place (grants above it are ended on their own place). */
export async function endSupervisor(db: Db, actor: Actor, placeId: number, accountId: number) {
  const place = await placeOrNotFound(db, placeId);
  authorizePlace(actor, 'supervisor.appoint', place);
  const ended = await db
    .delete(roleGrants)
    .where(
      and(eq(roleGrants.accountId, accountId), eq(roleGrants.role, 'supervisor'), eq(roleGrants.placeId, place.id)),
    )
    .returning({ id: roleGrants.id });
  if (ended.length === 0) throw notFound('supervisor');
  return { id: accountId };
}

/** The matter's supervision: who oversees it, the findings and their answers. Staff and supervisors only. */
export async function readMatterSupervision(db: Db, actor: Actor, matterId: number) {
  const { matter, subject } = await loadVisibleMatter(db, actor, matterId);
  if (!can(actor, 'matter.export', subject)) throw new AppError(403, 'access.denied');
  const overseers = await db
    .select({ accountId: accounts.id, name: accounts.displayName, assignedAt: matterOversight.assignedAt })
    .from(matterOversight)
    .innerJoin(accounts, eq(accounts.id, matterOversight.supervisorAccountId))
    .where(eq(matterOversight.matterId, matterId))
    .orderBy(asc(matterOversight.assignedAt));
  const answerer = sql<string | null>`(select display_name from accounts where id = ${supervisionFindings.answeredBy})`;
  const findings = await db
    .select({ finding: supervisionFindings, supervisorName: accounts.displayName, answeredBy: answerer })
    .from(supervisionFindings)
    .innerJoin(accounts, eq(accounts.id, supervisionFindings.supervisorAccountId))
    .where(eq(supervisionFindings.matterId, matterId))
    .orderBy(desc(supervisionFindings.createdAt), desc(supervisionFindings.id));
  const abilities = abilitiesFor(
    actor,
    ['matter.assignOversight', 'matter.recordFinding', 'matter.answerFinding'],
    subject,
  );
  const assigned = new Set(overseers.map((o) => o.accountId));
  const candidates = abilities['matter.assignOversight']
    ? (await supervisorsOver(db, matter.placePath))
        .filter((s, i, all) => !assigned.has(s.accountId) && all.findIndex((x) => x.accountId === s.accountId) === i)
        .map((s) => ({ accountId: s.accountId, name: s.name }))
    : [];
  return {
    overseers: overseers.map((o) => ({ ...o, assignedAt: o.assignedAt.toISOString() })),
    candidates,
    findings: findings.map(({ finding: f, supervisorName, answeredBy }) => ({
      id: f.id,
      body: f.body,
      dueOn: f.dueOn,
      supervisorName,
      answer: f.answer,
      answeredBy,
      answeredAt: f.answeredAt?.toISOString() ?? null,
      createdAt: f.createdAt.toISOString(),
    })),
    abilities: {
      assign: abilities['matter.assignOversight'],
      recordFinding: abilities['matter.recordFinding'],
      answer: abilities['matter.answerFinding'],
    },
  };
}

/** 指派监督: a supervisor over the matter's place is assigned to oversee it (on the matter's chain). */
export async function assignOversight(db: Db, actor: Actor, matterId: number, supervisorAccountId: number) {
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.assignOversight',
    audit: 'oversight.assign',
    write: async (tx, matter) => {
      const supervisors = await supervisorsOver(tx, matter.placePath);
      if (!supervisors.some((s) => s.accountId === supervisorAccountId)) {
        throw new AppError(400, 'supervision.not_supervisor', { field: 'supervisorAccountId' });
      }
      const [row] = await tx
        .insert(matterOversight)
        .values({ matterId, supervisorAccountId, assignedBy: actor.accountId })
        .onConflictDoNothing()
        .returning({ id: matterOversight.id });
      return { payload: { supervisorAccountId }, result: { id: supervisorAccountId }, isNoop: !row };
    },
  });
}

/** Ends an assignment; the supervisor's findings stay on the matter. */
export async function endOversight(db: Db, actor: Actor, matterId: number, supervisorAccountId: number) {
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.assignOversight',
    audit: 'oversight.end',
    write: async (tx) => {
      const ended = await tx
        .delete(matterOversight)
        .where(
          and(eq(matterOversight.matterId, matterId), eq(matterOversight.supervisorAccountId, supervisorAccountId)),
        )
        .returning({ id: matterOversight.id });
      if (ended.length === 0) throw new AppError(404, 'supervision.not_overseen');
      return { payload: { supervisorAccountId }, result: { id: supervisorAccountId } };
    },
  });
}

/** 监督意见: a supervisor's finding, which the convenor must answer (by `dueOn` when set). */
export async function recordFinding(db: Db, actor: Actor, matterId: number, input: FindingBody) {
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.recordFinding',
    audit: 'finding.record',
    write: async (tx, matter) => {
      const [row] = await tx
        .insert(supervisionFindings)
        .values({ matterId, supervisorAccountId: actor.accountId, body: input.body, dueOn: input.dueOn ?? null })
        .returning({ id: supervisionFindings.id });
      // The matter's convenor is told; the work queue lists it until answered.
      if (matter.convenorAccountId !== null && matter.convenorAccountId !== actor.accountId) {
        await tx.insert(inboxItems).values({
          accountId: matter.convenorAccountId,
          matterId,
          kind: 'finding.record',
          title: `监督意见待答复：${matter.title}`,
          body: input.body.slice(0, 200),
        });
      }
      return {
        payload: { findingId: row!.id, body: input.body, dueOn: input.dueOn ?? null },
        result: { id: row!.id },
        texts: [{ kind: 'finding', id: row!.id, field: 'body', text: input.body }],
      };
    },
  });
}

/** The convenor (or an officer above) answers a finding, once. */
export async function answerFinding(db: Db, actor: Actor, findingId: number, answer: string) {
  const [finding] = await db
    .select({ matterId: supervisionFindings.matterId })
    .from(supervisionFindings)
    .where(eq(supervisionFindings.id, findingId));
  if (!finding) throw notFound('finding');
  return runMatterCommand(db, {
    actor,
    matterId: finding.matterId,
    action: 'matter.answerFinding',
    audit: 'finding.answer',
    write: async (tx, matter) => {
      const [answered] = await tx
        .update(supervisionFindings)
        .set({ answer, answeredBy: actor.accountId, answeredAt: new Date() })
        .where(and(eq(supervisionFindings.id, findingId), sql`${supervisionFindings.answeredAt} is null`))
        .returning({ id: supervisionFindings.id, supervisorAccountId: supervisionFindings.supervisorAccountId });
      if (!answered) throw new AppError(409, 'supervision.finding_answered');
      await tx.insert(inboxItems).values({
        accountId: answered.supervisorAccountId,
        matterId: matter.id,
        kind: 'finding.answer',
        title: `监督意见已答复：${matter.title}`,
        body: answer.slice(0, 200),
      });
      return {
        payload: { findingId, answer },
        result: { id: findingId },
        texts: [{ kind: 'finding', id: findingId, field: 'answer', text: answer }],
      };
    },
  });
}
