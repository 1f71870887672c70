import { abilitiesFor, can, type Actor } from '../../../domain/access';
import { matterSupervisionActions } from '../../../contracts/supervision';
import { maskPhone } from '../../../domain/people/phone';
import type { Db, DbOrTx } from '../../db/client';
import { AppError, notFound } from '../../errors';
import { authorize } from '../../plugins/authorize';
import { loadVisibleMatter, matterAccess, runMatterCommand } from '../matters';
import { grantRowAbilities, independentAt, placeGrantAbilities } from '../grants';
import { authorizePlace, holdersOver, placeOrNotFound } from '../places';
import type { FindingBody } from '../../../contracts/supervision';
import { clockNow } from '../../clock';
import {
  findingMatterId,
  findingRows,
  insertFinding,
  insertOversight,
  markFindingAnswered,
  markOversightEnded,
  overseerRows,
} from './supervision.repository';

const supervisorRole = ['supervisor'] as const;

/**
 * GET /places/:id/supervisors: anyone who may browse the place; phones in full only for its staff.
 * Abilities say who may appoint and revoke (officers above the place) and read the record of it.
 */
export async function listSupervisors(db: Db, actor: Actor, placeId: number) {
  const place = await placeOrNotFound(db, placeId);
  authorizePlace(actor, 'place.view', place);
  const isStaff = can(actor, 'resident.viewPhone', { type: 'place', path: place.path });
  const rows = await holdersOver(db, place.path, supervisorRole);
  return {
    items: rows.map((r) => ({
      accountId: r.accountId,
      name: r.name,
      phone: isStaff ? r.phone : maskPhone(r.phone),
      placeName: r.placeName,
      isHere: r.placeId === place.id,
      abilities: grantRowAbilities(actor, place, 'supervisor', r),
    })),
    abilities: placeGrantAbilities(actor, place, 'supervisor'),
  };
}

/** The matter's supervision: who oversees it, the findings and their answers. Staff and supervisors only. */
export async function readMatterSupervision(db: Db, actor: Actor, matterId: number) {
  const { matter, subject } = await loadVisibleMatter(db, actor, matterId);
  authorize(actor, 'matter.export', subject, matterAccess);
  const overseers = await overseerRows(db, matterId);
  const findings = await findingRows(db, matterId);
  const abilities = abilitiesFor(actor, matterSupervisionActions, subject);
  const candidates = abilities['matter.assignOversight'] ? await assignableSupervisors(db, matter.placePath) : [];
  const open = new Set(overseers.filter((o) => o.endedAt === null).map((o) => o.accountId));
  return {
    overseers: overseers.map((o) => ({
      ...o,
      assignedAt: o.assignedAt.toISOString(),
      endedAt: o.endedAt?.toISOString() ?? null,
    })),
    candidates: candidates.filter((c) => !open.has(c.accountId)),
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
    abilities,
  };
}

/** Supervisors over the place who run nothing there, once each: whom a matter there may be assigned to. */
async function assignableSupervisors(db: DbOrTx, placePath: string) {
  const all = await holdersOver(db, placePath, supervisorRole);
  const unique = all.filter((s, i) => all.findIndex((x) => x.accountId === s.accountId) === i);
  const independent = await independentAt(
    db,
    unique.map((s) => s.accountId),
    placePath,
  );
  return unique.filter((s) => independent.has(s.accountId)).map((s) => ({ accountId: s.accountId, name: s.name }));
}

/** 指派监督: a supervisor over the matter's place is assigned to oversee it (on the matter's chain). */
export async function assignOversight(db: Db, actor: Actor, matterId: number, supervisorAccountId: number) {
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.assignOversight',
    audit: 'oversight.assign',
    write: async (tx, matter) => {
      const supervisors = await holdersOver(tx, matter.placePath, supervisorRole);
      if (!supervisors.some((s) => s.accountId === supervisorAccountId)) {
        throw new AppError(400, 'supervision.not_supervisor', { field: 'supervisorAccountId' });
      }
      // Someone who also runs the place would oversee their own work.
      if (!(await independentAt(tx, [supervisorAccountId], matter.placePath)).has(supervisorAccountId)) {
        throw new AppError(409, 'grant.runs_place', { field: 'supervisorAccountId' });
      }
      const isAssigned = await insertOversight(tx, { matterId, supervisorAccountId, assignedBy: actor.accountId });
      return { payload: { supervisorAccountId }, result: { id: supervisorAccountId }, isNoop: !isAssigned };
    },
  });
}

/** Ends an assignment (the row stays, with `ended_at`); the supervisor's findings stay on the matter. */
export async function endOversight(db: Db, actor: Actor, matterId: number, supervisorAccountId: number) {
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.assignOversight',
    audit: 'oversight.end',
    write: async (tx) => {
      const isEnded = await markOversightEnded(tx, matterId, supervisorAccountId, clockNow());
      if (!isEnded) throw new AppError(404, 'supervision.not_overseen');
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
    write: async (tx) => {
      const findingId = await insertFinding(tx, {
        matterId,
        supervisorAccountId: actor.accountId,
        body: input.body,
        dueOn: input.dueOn ?? null,
      });
      // The convenor hears of it (the finding.record rule); the work queue lists it until answered.
      return {
        payload: { findingId, body: input.body, dueOn: input.dueOn ?? null },
        result: { id: findingId },
        texts: [{ kind: 'finding', id: findingId, field: 'body', text: input.body }],
      };
    },
  });
}

/** The convenor (or an officer above) answers a finding, once. */
export async function answerFinding(db: Db, actor: Actor, findingId: number, answer: string) {
  const findingMatter = await findingMatterId(db, findingId);
  if (findingMatter === undefined) throw notFound('finding');
  return runMatterCommand(db, {
    actor,
    matterId: findingMatter,
    action: 'matter.answerFinding',
    audit: 'finding.answer',
    write: async (tx) => {
      const answered = await markFindingAnswered(tx, findingId, {
        answer,
        answeredBy: actor.accountId,
        answeredAt: clockNow(),
      });
      if (!answered) throw new AppError(409, 'supervision.finding_answered');
      return {
        payload: { findingId, answer },
        result: { id: findingId },
        texts: [{ kind: 'finding', id: findingId, field: 'answer', text: answer }],
      };
    },
  });
}
