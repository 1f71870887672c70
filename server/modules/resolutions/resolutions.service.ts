import { can, type Actor } from '../../../domain/access';
import { capabilities } from '../../../domain/matters/stages';
import type { Db } from '../../db/client';
import { AppError, notFound } from '../../errors';
import { personLabel } from '../../../domain/people/public-name';
import { requireClosedBallotOf } from '../ballots';
import { loadVisibleMatter, runMatterCommand } from '../matters';
import { requireConfirmedText } from '../publication';
import { isObjectionWindowOpen, presentResolution } from './resolutions.presenter';
import {
  attended,
  findConfirmation,
  findObjection,
  findObjectionRef,
  findResolution,
  insertConfirmation,
  insertObjection,
  listConfirmations,
  listObjections,
  meetingBelongs,
  recordObjectionAnswer,
  setObjectionEndsAt,
  upsertResolution,
} from './resolutions.repository';
import type { DraftResolutionBody } from '../../../contracts/resolutions';
import { clockNow } from '../../clock';

const DAY_MS = 86_400_000;

/** The resolution with its confirmations and objections, names shown as the actor may see them. */
export async function readResolution(db: Db, actor: Actor, matterId: number) {
  const { subject } = await loadVisibleMatter(db, actor, matterId);
  const isStaff = can(actor, 'matter.export', subject);
  const row = await findResolution(db, matterId);
  if (!row) return { resolution: null, confirmations: [], confirmedByMe: false, objections: [] };
  const [confirmations, objectionRows] = [await listConfirmations(db, row.id), await listObjections(db, row.id)];
  return {
    resolution: presentResolution(row, clockNow()),
    confirmations: confirmations.map((c) => ({
      person: personLabel({ name: c.displayName, standing: c.standing }, isStaff || c.accountId === actor.accountId),
      at: c.at.toISOString(),
    })),
    confirmedByMe: confirmations.some((c) => c.accountId === actor.accountId),
    objections: objectionRows.map((o) => ({
      id: o.id,
      author: personLabel({ name: o.displayName, standing: o.standing }, isStaff || o.accountId === actor.accountId),
      isMine: o.accountId === actor.accountId,
      body: o.body,
      answer: o.answer,
      answeredAt: o.answeredAt?.toISOString() ?? null,
      createdAt: o.createdAt.toISOString(),
    })),
  };
}

/** Writes (or rewrites, while still deliberating) the outcome of deliberation. */
export async function draftResolution(db: Db, actor: Actor, matterId: number, input: DraftResolutionBody) {
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.manage',
    audit: 'resolution.draft',
    write: async (tx, matter) => {
      const status = matter.status;
      if (!capabilities[status].canDraftResolution)
        throw new AppError(409, 'matter.wrong_stage', { details: { status } });
      if (input.meetingId !== undefined && !(await meetingBelongs(tx, input.meetingId, matterId))) {
        throw new AppError(400, 'resolution.meeting_mismatch', { field: 'meetingId' });
      }
      // A ballot basis rests on a closed ballot of this matter (its result is the basis).
      if (input.basis === 'ballot') await requireClosedBallotOf(tx, matterId, input.ballotId!);
      const now = clockNow();
      const values = {
        matterId,
        body: input.body,
        basis: input.basis,
        meetingId: input.meetingId ?? null,
        ballotId: input.ballotId ?? null,
        // Provisional: `resolve` restarts the window from the day the result stands.
        objectionEndsAt: new Date(now.getTime() + input.objectionDays * DAY_MS),
        createdBy: actor.accountId,
        createdAt: now,
      };
      const row = await upsertResolution(tx, values);
      return {
        payload: {
          resolutionId: row.id,
          basis: row.basis,
          meetingId: row.meetingId,
          ballotId: row.ballotId,
          body: row.body,
        },
        result: presentResolution(row, now),
        texts: [{ kind: 'resolution', id: row.id, field: 'body', text: row.body }],
      };
    },
  });
}

/**
 * 形成决议: moves to resolved (guards: a held meeting, a resolution) and opens the objection window. A
 * public matter's record becomes public here, so its resolution's public text must be confirmed first.
 */
export async function resolveMatter(db: Db, actor: Actor, matterId: number) {
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.manage',
    command: 'resolve',
    audit: 'resolve',
    write: async (tx, matter) => {
      const row = (await findResolution(tx, matterId))!;
      if (matter.visibility === 'public') await requireConfirmedText(tx, matterId, 'resolution', row.id, row.body);
      const now = clockNow();
      const days = Math.max(1, Math.round((row.objectionEndsAt.getTime() - row.createdAt.getTime()) / DAY_MS));
      const objectionEndsAt = new Date(now.getTime() + days * DAY_MS);
      await setObjectionEndsAt(tx, row.id, objectionEndsAt);
      return {
        payload: { resolutionId: row.id, objectionEndsAt: objectionEndsAt.toISOString() },
        result: { id: matterId, status: 'resolved' },
      };
    },
  });
}

/**
 * An attendee confirms the resolution; a second confirmation changes nothing: it answers with the
 * confirmation that already stands and, as a no-op command, leaves no audit entry.
 */
export async function confirmResolution(db: Db, actor: Actor, matterId: number) {
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.confirm',
    audit: 'resolution.confirm',
    write: async (tx) => {
      const row = await findResolution(tx, matterId);
      if (!row) throw new AppError(409, 'resolution.missing');
      if (!(await attended(tx, matterId, actor.accountId))) throw new AppError(403, 'resolution.not_attendee');
      const inserted = await insertConfirmation(tx, row.id, actor.accountId);
      if (inserted) {
        return { payload: { resolutionId: row.id }, result: { confirmed: true, at: inserted.at.toISOString() } };
      }
      const existing = await findConfirmation(tx, row.id, actor.accountId);
      return {
        payload: { resolutionId: row.id },
        result: { confirmed: true, at: (existing?.at ?? clockNow()).toISOString() },
        isNoop: true,
      };
    },
  });
}

/** An objection, accepted only while the window is open; after it nothing is stored. */
export async function raiseObjection(db: Db, actor: Actor, matterId: number, body: string) {
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.object',
    audit: 'objection.raise',
    write: async (tx) => {
      const row = await findResolution(tx, matterId);
      if (!row) throw new AppError(409, 'resolution.missing');
      if (!isObjectionWindowOpen(row.objectionEndsAt, clockNow())) {
        throw new AppError(409, 'matter.objection_window_closed', {
          details: { objectionEndsAt: row.objectionEndsAt.toISOString() },
        });
      }
      const objection = await insertObjection(tx, { resolutionId: row.id, accountId: actor.accountId, body });
      return {
        payload: { objectionId: objection.id, body },
        texts: [{ kind: 'objection', id: objection.id, field: 'body', text: body }],
        result: { id: objection.id, body, createdAt: objection.createdAt.toISOString() },
      };
    },
  });
}

/** Staff answer an objection, once. */
export async function answerObjection(db: Db, actor: Actor, objectionId: number, answer: string) {
  const ref = await findObjectionRef(db, objectionId);
  if (!ref) throw notFound('objection');
  return runMatterCommand(db, {
    actor,
    matterId: ref.matterId,
    action: 'matter.manage',
    audit: 'objection.answer',
    write: async (tx) => {
      const row = await findObjection(tx, objectionId);
      if (row!.answeredAt) throw new AppError(409, 'objection.already_answered');
      const updated = await recordObjectionAnswer(tx, objectionId, {
        answer,
        answeredBy: actor.accountId,
        answeredAt: clockNow(),
      });
      return {
        payload: { objectionId, answer },
        texts: [{ kind: 'objection', id: objectionId, field: 'answer', text: answer }],
        result: { id: objectionId, answer, answeredAt: updated.answeredAt!.toISOString() },
      };
    },
  });
}
