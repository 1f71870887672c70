import { and, eq } from 'drizzle-orm';
import { can, type Actor } from '../../../domain/access';
import { redactMinutes } from '../../../domain/matters/redaction';
import type { Db, DbOrTx } from '../../db/client';
import { minuteAmendments, minutes } from '../../db/schema';
import { AppError, notFound } from '../../errors';
import { requireConfirmedText } from '../publication';
import { loadVisibleMatter, runMatterCommand } from '../matters';
import {
  amendmentsOf,
  attended,
  invitationOf,
  knownPeople,
  meetingOrNotFound,
  minutesOrNotFound,
  type MinutesRow,
} from './meetings.repository';
import { clockNow } from '../../clock';
import { sha256 } from '../../hash';

const DAY_MS = 24 * 60 * 60 * 1000;

function refusePublished(row: MinutesRow) {
  if (row.status === 'published') throw new AppError(409, 'minutes.published');
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
      const [existing] = await tx.select().from(minutes).where(eq(minutes.meetingId, meetingId)).for('update');
      if (existing) refusePublished(existing);
      const [row] = existing
        ? await tx.update(minutes).set({ bodyFull: body }).where(eq(minutes.id, existing.id)).returning()
        : await tx.insert(minutes).values({ meetingId, bodyFull: body, createdBy: actor.accountId }).returning();
      return {
        payload: { minutesId: row!.id, meetingId, digest: sha256(body) },
        result: row!,
        texts: [{ kind: 'minutes', id: row!.id, field: 'bodyFull', text: body }],
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
      const [current] = await tx.select().from(minutes).where(eq(minutes.id, minutesId)).for('update');
      refusePublished(current!);
      const amendUntil = new Date(clockNow().getTime() + amendDays * DAY_MS);
      const [row] = await tx
        .update(minutes)
        .set({ status: 'amending', amendUntil })
        .where(eq(minutes.id, minutesId))
        .returning();
      return { payload: { minutesId, amendUntil: amendUntil.toISOString() }, result: row! };
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
      const [current] = await tx.select().from(minutes).where(eq(minutes.id, minutesId));
      if (current!.status !== 'amending') throw new AppError(409, 'minutes.not_amending');
      if (current!.amendUntil && current!.amendUntil.getTime() < clockNow().getTime()) {
        throw new AppError(409, 'minutes.amend_closed');
      }
      const [row] = await tx
        .insert(minuteAmendments)
        .values({ minutesId, accountId: actor.accountId, body })
        .returning();
      return {
        payload: { minutesId, amendmentId: row!.id, digest: sha256(body) },
        result: row!,
        texts: [{ kind: 'minute_amendment', id: row!.id, field: 'body', text: body }],
      };
    },
  });
}

/** The convenor accepts or rejects an amendment, with an answer the proposer reads. */
export async function answerAmendment(db: Db, actor: Actor, amendmentId: number, accept: boolean, answer: string) {
  const [amendment] = await db.select().from(minuteAmendments).where(eq(minuteAmendments.id, amendmentId));
  if (!amendment) throw notFound('amendment');
  const { matterId } = await minutesOrNotFound(db, amendment.minutesId);
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.manage',
    audit: 'minutes.answerAmendment',
    write: async (tx) => {
      const [row] = await tx
        .update(minuteAmendments)
        .set({ status: accept ? 'accepted' : 'rejected', answer, answeredAt: clockNow() })
        .where(and(eq(minuteAmendments.id, amendmentId), eq(minuteAmendments.status, 'proposed')))
        .returning();
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
      const [current] = await tx.select().from(minutes).where(eq(minutes.id, minutesId)).for('update');
      refusePublished(current!);
      const open = (await amendmentsOf(tx, minutesId)).filter((a) => a.status === 'proposed');
      if (open.length > 0) throw new AppError(409, 'minutes.amendments_unanswered');
      const bodyPublished = await requireConfirmedText(tx, matterId, 'minutes', minutesId, current!.bodyFull);
      const [row] = await tx
        .update(minutes)
        .set({ status: 'published', bodyPublished, publishedAt: clockNow() })
        .where(eq(minutes.id, minutesId))
        .returning();
      return {
        payload: { minutesId, fullDigest: sha256(current!.bodyFull), publishedDigest: sha256(bodyPublished) },
        result: row!,
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
  const [row] = await db.select().from(minutes).where(eq(minutes.meetingId, meetingId));
  if (!row) return null;
  const isStaff = can(actor, 'matter.export', subject);
  let body = row.bodyPublished;
  if (row.status === 'amending' && !isStaff) {
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
