import type { AuditAction } from '../../../domain/matters/audit-actions';
import { can, type Actor, type MatterAction, type MatterSubject } from '../../../domain/access';
import {
  capabilities,
  checkTransition,
  WORKING_STAGES,
  type MatterCommand,
  type MatterStatus,
} from '../../../domain/matters/stages';
import type { Db, DbOrTx } from '../../db/client';
import { AppError } from '../../errors';
import type { MessageCode } from '../../i18n/messages';
import { authorize, refusalCodes, type Access } from '../../plugins/authorize';
import { appendMatterEvent, type CoveredText } from './audit';
import { gatherMatterFacts } from './matter-facts';
import { clockNow } from '../../clock';
import { insertStageEntry, participantExists } from './matter-events.repository';
import { findMatter, updateMatter, type MatterPatch, type MatterRow } from './matters.repository';

export type { MatterRow };

/** Proposer, invitee (by account or as a resident) or attendee of the matter. */
export async function isParticipant(db: DbOrTx, actor: Actor, matter: MatterRow): Promise<boolean> {
  if (actor.accountId === matter.proposerAccountId) return true;
  return participantExists(db, matter.id, actor.accountId, actor.residentId);
}

export function matterSubject(matter: MatterRow, participant: boolean): MatterSubject {
  return {
    type: 'matter',
    path: matter.placePath,
    status: matter.status,
    proposerAccountId: matter.proposerAccountId,
    visibility: matter.visibility,
    isParticipant: participant,
  };
}

/** Matters are hidden from who may not view them. */
export const matterAccess: Access = { what: 'matter', seeIf: ['matter.view'] };

/** Loads a matter the actor may see, or a 404 that does not reveal whether it exists. */
export async function loadVisibleMatter(db: DbOrTx, actor: Actor, matterId: number, lock = false) {
  const matter = await findMatter(db, matterId, lock);
  const subject = matter && matterSubject(matter, await isParticipant(db, actor, matter));
  authorize(actor, null, subject, matterAccess);
  return { matter: matter!, subject };
}

export type CommandOutcome<T> = {
  payload: Record<string, unknown>;
  result: T;
  patch?: MatterPatch;
  /** Nothing changed (e.g. a repeated sign-in): no status change, no audit entry. */
  isNoop?: boolean;
  /** Free texts written (descriptions, comments, minutes…): the entry keeps their digests. */
  texts?: CoveredText[];
};

/**
 * Every matter mutation runs through here: lock the matter, refuse if it is read-only or the actor
 * may not, check the stage table (when the command moves the matter), write, then append to the
 * audit chain — all in one transaction.
 */
export async function runMatterCommand<T>(
  db: Db,
  opts: {
    actor: Actor;
    matterId: number;
    action: MatterAction;
    command?: MatterCommand;
    audit: AuditAction;
    write: (tx: DbOrTx, matter: MatterRow) => Promise<CommandOutcome<T>>;
  },
): Promise<T> {
  return db.transaction(async (tx) => {
    const { matter, subject } = await loadVisibleMatter(tx, opts.actor, opts.matterId, true);
    const status = matter.status;
    if (!capabilities[status].isWritable) throw new AppError(409, 'matter.read_only', { params: { status } });
    if (!can(opts.actor, opts.action, subject)) {
      const isStageRefusal = can(opts.actor, 'matter.view', subject) && staffCould(opts.actor, opts.action, subject);
      throw isStageRefusal
        ? new AppError(409, 'matter.wrong_stage', { details: { status } })
        : new AppError(403, refusalCodes.denied);
    }
    let nextStatus: MatterStatus | undefined;
    if (opts.command) {
      const check = checkTransition(opts.command, await gatherMatterFacts(tx, matter.id, status));
      if (!check.ok && check.reason === 'wrong_stage')
        throw new AppError(409, 'matter.wrong_stage', { details: { status } });
      if (!check.ok && check.reason === 'guard') {
        throw new AppError(409, check.failures[0]!.code as MessageCode, { details: { failures: check.failures } });
      }
      if (check.ok) nextStatus = check.to;
    }
    const outcome = await opts.write(tx, matter);
    if (outcome.isNoop && !nextStatus) return outcome.result;
    await updateMatter(tx, matter.id, {
      ...outcome.patch,
      ...(nextStatus ? { status: nextStatus } : {}),
      updatedAt: clockNow(),
    });
    if (nextStatus) await recordStageEntry(tx, matter.id, nextStatus);
    await appendMatterEvent(tx, {
      matterId: matter.id,
      actorAccountId: opts.actor.accountId,
      action: opts.audit,
      payload: { ...outcome.payload, ...(nextStatus ? { from: status, to: nextStatus } : {}) },
      texts: outcome.texts,
    });
    return outcome.result;
  });
}

/**
 * Notes when the matter entered `status` (statistics read days per stage from here). The first entry
 * stands: a matter that comes back to a status keeps the day it first got there. Dated by the app's clock, not
 * the database's, so the demo seed's story clock (and a test's fake clock) dates it like the audit entry.
 */
export async function recordStageEntry(tx: DbOrTx, matterId: number, status: MatterStatus): Promise<void> {
  await insertStageEntry(tx, { matterId, status, enteredAt: clockNow() });
}

/**
 * Would the actor's roles allow this action at some stage? Then a refusal now is about the stage
 * (409), not about who they are (403).
 */
function staffCould(actor: Actor, action: MatterAction, subject: MatterSubject): boolean {
  return WORKING_STAGES.some((status) => can(actor, action, { ...subject, status }));
}
