import { can, type Actor, type ReferralSubject } from '../../../domain/access';
import {
  isOpenReferral,
  referralLifecycle,
  type ReferralCommand,
  type ReferralStatus,
} from '../../../domain/departments';
import type { AuditAction } from '../../../domain/matters/audit-actions';
import { capabilities, matterLifecycle } from '../../../domain/matters/stages';
import { isWithin } from '../../../domain/territory/places';
import { todayInChina } from '../../calendar';
import { clockNow } from '../../clock';
import type { Db, DbOrTx } from '../../db/client';
import { AppError, invalid, missing, notFound } from '../../errors';
import { authorize, refusalCodes, type Access } from '../../plugins/authorize';
import { appendMatterEvent, findMatter, loadVisibleMatter, runMatterCommand, type MatterRow } from '../matters';
import { findDepartment, liaisonDepartmentIds } from './departments.repository';
import { presentReferralDetail, presentReferralSummary, presentSender } from './referrals.presenter';
import {
  insertReferral,
  lockReferral,
  matterReferralRows,
  openMatterReferral,
  queueRows,
  referralView,
  taskOfMatter,
  updateReferral,
  type ReferralPatch,
} from './referrals.repository';

const referralAccess: Access = { what: 'referral', seeIf: ['referral.view'] };

/** The department a matter may be referred to: one of its town's or city's, else 400 on departmentId. */
async function departmentFor(tx: DbOrTx, matter: MatterRow, departmentId: number) {
  const department = await findDepartment(tx, departmentId);
  if (!department || !isWithin(matter.placePath, department.placePath)) throw missing('departmentId', 'department');
  return department;
}

type SendInput = { departmentId: number; dueOn: string; note: string };

/** Writes the referral row of a send; the chain payload and texts for the command's entry. */
async function sendReferral(
  tx: DbOrTx,
  actor: Actor,
  matter: MatterRow,
  input: SendInput & { taskId?: number | undefined },
) {
  if (input.dueOn < todayInChina()) throw invalid('dueOn', 'referral.due_past');
  const department = await departmentFor(tx, matter, input.departmentId);
  const task = input.taskId === undefined ? undefined : await taskOfMatter(tx, matter.id, input.taskId);
  if (input.taskId !== undefined && !task) throw missing('taskId', 'task');
  const id = await insertReferral(tx, {
    departmentId: department.id,
    subject: task ? 'task' : 'matter',
    matterId: matter.id,
    taskId: task?.id ?? null,
    placePath: matter.placePath,
    note: input.note,
    dueOn: input.dueOn,
    sentBy: actor.accountId,
    sentAt: clockNow(),
  });
  return {
    department,
    payload: {
      referralId: id,
      departmentId: department.id,
      department: department.name,
      dueOn: input.dueOn,
      taskId: task?.id ?? null,
    },
    texts: input.note ? [{ kind: 'referral', id, field: 'note', text: input.note }] : [],
  };
}

/** 转办 (the matter's refer exit): to a registered department of its town or city, with a due day and a note. */
export async function referMatter(db: Db, actor: Actor, matterId: number, input: SendInput) {
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.vet',
    command: 'refer',
    audit: 'refer',
    write: async (tx, matter) => {
      const sent = await sendReferral(tx, actor, matter, input);
      return {
        payload: sent.payload,
        result: { id: matter.id },
        // The old free-text columns keep naming the latest department, so old and new matters read alike.
        patch: { referralDepartment: sent.department.name, referralDueOn: input.dueOn },
        texts: sent.texts,
      };
    },
  });
}

/**
 * POST /matters/:id/referrals — refers a referred matter again after a hand-back (no department has it
 * now), or refers one of its tasks while tasks are managed. No stage move: the chain records `referral.sent`.
 */
export async function referAgain(
  db: Db,
  actor: Actor,
  matterId: number,
  input: SendInput & { taskId?: number | undefined },
) {
  return runMatterCommand(db, {
    actor,
    matterId,
    action: input.taskId === undefined ? 'matter.vet' : 'matter.manage',
    audit: 'referral.sent',
    write: async (tx, matter) => {
      if (input.taskId === undefined) {
        if (!matterLifecycle.is.referred(matter.status))
          throw new AppError(409, 'matter.wrong_stage', { details: { status: matter.status } });
        if (await openMatterReferral(tx, matter.id)) throw new AppError(409, 'referral.still_open');
      } else if (!capabilities[matter.status].canManageTasks) {
        throw new AppError(409, 'matter.wrong_stage', { details: { status: matter.status } });
      }
      const sent = await sendReferral(tx, actor, matter, input);
      const referralId = sent.payload.referralId;
      return { payload: sent.payload, result: { id: referralId }, texts: sent.texts };
    },
  });
}

/** The referral's subject for `can`: the matter's place, the department's, and whether the actor is its liaison. */
async function referralSubject(
  db: DbOrTx,
  actor: Actor,
  row: { departmentId: number; placePath: string },
  departmentPath: string,
): Promise<ReferralSubject> {
  const mine = await liaisonDepartmentIds(db, actor.accountId);
  return { type: 'referral', path: row.placePath, departmentPath, isLiaison: mine.includes(row.departmentId) };
}

/** GET /referrals/:id — the referral's page, for its department's liaisons and the staff over the matter. */
export async function readReferral(db: Db, actor: Actor, id: number) {
  const row = await referralView(db, id);
  const subject = row && (await referralSubject(db, actor, row.referral, row.department.placePath));
  authorize(actor, null, subject, referralAccess);
  const responds = can(actor, 'referral.respond', subject);
  const status = row!.referral.status;
  return {
    ...presentReferralDetail(row!, todayInChina()),
    sender: presentSender(row!),
    abilities: {
      accept: responds && referralLifecycle.allows('accept', status),
      answer: responds && referralLifecycle.allows('answer', status),
      handBack: responds && referralLifecycle.allows('handBack', status),
    },
  };
}

const commandAudit: Record<ReferralCommand, AuditAction> = {
  accept: 'referral.accepted',
  answer: 'referral.answered',
  handBack: 'referral.handed_back',
};

/**
 * A liaison's command on a referral, in one transaction: lock it, check they are its department's
 * liaison (404 to whoever may not see it, 403 to staff who may) and the lifecycle, write, and append
 * the entry to the matter's audit chain (notifying by the chain's rules). A sealed matter takes none.
 */
async function runReferralCommand(
  db: Db,
  actor: Actor,
  id: number,
  command: ReferralCommand,
  change: (now: Date) => {
    patch: ReferralPatch;
    payload: Record<string, unknown>;
    text?: { field: string; text: string };
  },
) {
  return db.transaction(async (tx) => {
    const row = await lockReferral(tx, id);
    const department = row && (await findDepartment(tx, row.departmentId));
    const subject = row && department && (await referralSubject(tx, actor, row, department.placePath));
    authorize(actor, 'referral.respond', subject, referralAccess);
    const status = row!.status as ReferralStatus;
    if (!referralLifecycle.allows(command, status))
      throw new AppError(409, 'referral.wrong_state', { details: { status } });
    const matter = await findMatter(tx, row!.matterId, true);
    if (!matter) throw notFound('referral');
    if (!capabilities[matter.status].isWritable)
      throw new AppError(409, 'matter.read_only', { params: { status: matter.status } });
    const now = clockNow();
    const outcome = change(now);
    await updateReferral(tx, id, { ...outcome.patch, status: referralLifecycle.transitions[command].to });
    await appendMatterEvent(tx, {
      matterId: matter.id,
      actorAccountId: actor.accountId,
      action: commandAudit[command],
      payload: { referralId: id, departmentId: row!.departmentId, department: department!.name, ...outcome.payload },
      texts: outcome.text ? [{ kind: 'referral', id, ...outcome.text }] : [],
    });
    return { id };
  });
}

/** POST /referrals/:id/accept — the liaison takes it on. */
export const acceptReferral = (db: Db, actor: Actor, id: number) =>
  runReferralCommand(db, actor, id, 'accept', (now) => ({
    patch: { acceptedBy: actor.accountId, acceptedAt: now },
    payload: {},
  }));

/** POST /referrals/:id/answer — the department's reply. */
export const answerReferral = (db: Db, actor: Actor, id: number, reply: string) =>
  runReferralCommand(db, actor, id, 'answer', (now) => ({
    patch: { answeredBy: actor.accountId, answeredAt: now, reply },
    payload: {},
    text: { field: 'reply', text: reply },
  }));

/** POST /referrals/:id/hand-back — not this department's: back to the community with the reasons. */
export const handBackReferral = (db: Db, actor: Actor, id: number, reason: string) =>
  runReferralCommand(db, actor, id, 'handBack', (now) => ({
    patch: { handedBackBy: actor.accountId, handedBackAt: now, handBackReason: reason },
    payload: {},
    text: { field: 'handBackReason', text: reason },
  }));

/** GET /referrals — 部门待办: the referrals of the liaison's departments, earliest due first. */
export async function readQueue(db: Db, actor: Actor, status?: ReferralStatus) {
  const departmentIds = await liaisonDepartmentIds(db, actor.accountId);
  if (departmentIds.length === 0) throw new AppError(403, refusalCodes.denied);
  const today = todayInChina();
  const rows = await queueRows(db, departmentIds, status);
  return { today, items: rows.map((r) => presentReferralSummary(r, today)) };
}

/** GET /matters/:id/referrals — the matter's referrals and what came of them, for whoever may read the matter. */
export async function readMatterReferrals(db: Db, actor: Actor, matterId: number) {
  const { matter, subject } = await loadVisibleMatter(db, actor, matterId);
  const today = todayInChina();
  const rows = await matterReferralRows(db, matterId);
  const hasOpen = rows.some((r) => r.referral.subject === 'matter' && isOpenReferral(r.referral.status));
  return {
    items: rows.map((r) => presentReferralDetail(r, today)),
    canRefer: can(actor, 'matter.vet', subject) && matterLifecycle.is.referred(matter.status) && !hasOpen,
  };
}
