import { can, type Actor } from '../../../domain/access';
import { redactMinutes } from '../../../domain/matters/redaction';
import type { Db, DbOrTx } from '../../db/client';
import { AppError, notFound } from '../../errors';
import { requireConfirmedText } from '../publication';
import { loadVisibleMatter, runMatterCommand } from '../matters';
import { attended, invitationOf } from './meetings.repository';
import { meetingOrNotFound } from './meetings.service';
import {
  amendmentsOf,
  answerProposedAmendment,
  findAmendment,
  findMinutes,
  findMinutesForUpdate,
  findMinutesOfMeeting,
  findMinutesOfMeetingForUpdate,
  findMinutesWithMatter,
  insertAmendment,
  insertMinutes,
  knownPeople,
  markMinutesAmending,
  markMinutesPublished,
  updateMinutesBody,
  type MinutesRow,
} from './minutes.repository';
import { amendmentLifecycle, minutesLifecycle } from '../../../domain/meetings/lifecycles';
import { clockNow } from '../../clock';
import { sha256 } from '../../hash';

const DAY_MS = 24 * 60 * 60 * 1000;

async function minutesOrNotFound(db: DbOrTx, id: number) {
  const row = await findMinutesWithMatter(db, id);
  if (!row) throw notFound('minutes');
  return row;
}

function refusePublished(row: MinutesRow) {
  if (minutesLifecycle.is.published(row.status)) throw new AppError(409, 'minutes.published');
}

/** The convenor writes (or rewrites, until published) the minutes of a meeting. */
export async function draftMinutes(db: Db, actor: Actor, meetingId: number, body: string) {
  const meeting = await meetingOrNotFound(db, meetingId);
  return runMatterCommand(db, {
    actor,
    matterId: meeting.matterId,
    action: 'matter.manage',
    audit: 'minutes.draft',
    write: async (tx) => {
      const existing = await findMinutesOfMeetingForUpdate(tx, meetingId);
      if (existing) refusePublished(existing);
      const row = existing
        ? await updateMinutesBody(tx, existing.id, body)
        : await insertMinutes(tx, { meetingId, bodyFull: body, createdBy: actor.accountId });
      return {
        payload: { minutesId: row.id, meetingId, digest: sha256(body) },
        result: row,
        texts: [{ kind: 'minutes', id: row.id, field: 'bodyFull', text: body }],
      };
    },
  });
}

/** Opens the amendment period: attendees may propose changes for `amendDays` days. */
export async function openAmendments(db: Db, actor: Actor, minutesId: number, amendDays: number) {
  const { matterId } = await minutesOrNotFound(db, minutesId);
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.manage',
    audit: 'minutes.openAmendments',
    write: async (tx) => {
      const current = await findMinutesForUpdate(tx, minutesId);
      refusePublished(current!);
      const amendUntil = new Date(clockNow().getTime() + amendDays * DAY_MS);
      const row = await markMinutesAmending(tx, minutesId, amendUntil);
      return { payload: { minutesId, amendUntil: amendUntil.toISOString() }, result: row };
    },
  });
}

/** An attendee proposes an amendment while the period runs. */
export async function proposeAmendment(db: Db, actor: Actor, minutesId: number, body: string) {
  const { minutes: found, matterId } = await minutesOrNotFound(db, minutesId);
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.view',
    audit: 'minutes.amend',
    write: async (tx) => {
      const invitation = await invitationOf(tx, matterId, actor);
      if (!(await attended(tx, found.meetingId, actor, invitation?.id)))
        throw new AppError(403, 'minutes.not_attendee');
      const current = await findMinutes(tx, minutesId);
      if (!minutesLifecycle.is.amending(current!.status)) throw new AppError(409, 'minutes.not_amending');
      if (current!.amendUntil && current!.amendUntil.getTime() < clockNow().getTime()) {
        throw new AppError(409, 'minutes.amend_closed');
      }
      const row = await insertAmendment(tx, { minutesId, accountId: actor.accountId, body });
      return {
        payload: { minutesId, amendmentId: row.id, digest: sha256(body) },
        result: row,
        texts: [{ kind: 'minute_amendment', id: row.id, field: 'body', text: body }],
      };
    },
  });
}

/** The convenor accepts or rejects an amendment, with an answer the proposer reads. */
export async function answerAmendment(db: Db, actor: Actor, amendmentId: number, accept: boolean, answer: string) {
  const amendment = await findAmendment(db, amendmentId);
  if (!amendment) throw notFound('amendment');
  const { matterId } = await minutesOrNotFound(db, amendment.minutesId);
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.manage',
    audit: 'minutes.answerAmendment',
    write: async (tx) => {
      const row = await answerProposedAmendment(tx, amendmentId, {
        status: accept ? 'accepted' : 'rejected',
        answer,
        answeredAt: clockNow(),
      });
      if (!row) throw new AppError(409, 'minutes.already_answered');
      return {
        payload: { amendmentId, accepted: accept },
        result: row,
        texts: [{ kind: 'minute_amendment', id: amendmentId, field: 'answer', text: answer }],
      };
    },
  });
}

/**
 * Publishes: every amendment answered and the public text confirmed by staff for exactly this full
 * text (公开文本), which is then stored beside the full one. The chain keeps a digest of both, so the
 * sealed file proves which full text the public version came from.
 */
export async function publishMinutes(db: Db, actor: Actor, minutesId: number) {
  const { matterId } = await minutesOrNotFound(db, minutesId);
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.manage',
    audit: 'minutes.publish',
    write: async (tx) => {
      const current = await findMinutesForUpdate(tx, minutesId);
      refusePublished(current!);
      const open = (await amendmentsOf(tx, minutesId)).filter((a) => amendmentLifecycle.is.proposed(a.status));
      if (open.length > 0) throw new AppError(409, 'minutes.amendments_unanswered');
      const bodyPublished = await requireConfirmedText(tx, matterId, 'minutes', minutesId, current!.bodyFull);
      const row = await markMinutesPublished(tx, minutesId, bodyPublished, clockNow());
      return {
        payload: { minutesId, fullDigest: sha256(current!.bodyFull), publishedDigest: sha256(bodyPublished) },
        result: row,
        texts: [
          { kind: 'minutes', id: minutesId, field: 'bodyFull', text: current!.bodyFull },
          { kind: 'minutes', id: minutesId, field: 'bodyPublished', text: bodyPublished },
        ],
      };
    },
  });
}

/** Staff read the full text; attendees read the redacted draft while amending; everyone else the published text. */
export async function readMinutes(db: DbOrTx, actor: Actor, meetingId: number) {
  const meeting = await meetingOrNotFound(db, meetingId);
  const { subject } = await loadVisibleMatter(db, actor, meeting.matterId);
  const row = await findMinutesOfMeeting(db, meetingId);
  if (!row) return null;
  const isStaff = can(actor, 'matter.export', subject);
  let body = row.bodyPublished;
  if (minutesLifecycle.is.amending(row.status) && !isStaff) {
    const invitation = await invitationOf(db, meeting.matterId, actor);
    if (await attended(db, meetingId, actor, invitation?.id)) {
      body = redactMinutes(row.bodyFull, await knownPeople(db, meetingId, meeting.matterId));
    }
  }
  const amendments = isStaff
    ? await amendmentsOf(db, row.id)
    : (await amendmentsOf(db, row.id)).filter((a) => a.accountId === actor.accountId);
  return { row, isStaff, body, amendments };
}
