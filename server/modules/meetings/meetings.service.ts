import { randomInt } from 'node:crypto';
import { can, type Actor } from '../../../domain/access';
import type { Db, DbOrTx } from '../../db/client';
import { AppError, notFound } from '../../errors';
import { findInvitation, requireStage } from '../announcements';
import { loadVisibleMatter, runMatterCommand } from '../matters';
import { bookVenue, venueForMeeting } from '../venues';
import type { ScheduleInput } from '../../../contracts/meetings';
import {
  findMeeting,
  findMeetingForUpdate,
  insertMeeting,
  insertSignIn,
  invitationOf,
  markMeetingClosed,
  markMeetingHeld,
  meetingsOfMatter,
  sheetRows,
  signInOf,
  type MeetingRow,
} from './meetings.repository';
import { meetingLifecycle } from '../../../domain/meetings/lifecycles';
import type { SignInMethod } from '../../../domain/meetings/attendance';

/** No 0/O, 1/I/L: a code read aloud or off a screen is typed right the first time. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const newSignInCode = () =>
  Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

export async function meetingOrNotFound(db: DbOrTx, id: number): Promise<MeetingRow> {
  const row = await findMeeting(db, id);
  if (!row) throw notFound('meeting');
  return row;
}

/** Schedules a meeting (on site, online or both) with a fresh sign-in code. */
export async function scheduleMeeting(db: Db, actor: Actor, matterId: number, input: ScheduleInput) {
  if (input.mode !== 'online' && !input.venue && !input.venueId)
    throw new AppError(400, 'meeting.venue_required', { field: 'venue' });
  // An online meeting books no room.
  if (input.mode === 'online' && input.venueId)
    throw new AppError(400, 'validation.invalid', { field: 'venueId', params: { detail: 'venueId' } });
  if (input.mode !== 'on_site' && !input.onlineLink)
    throw new AppError(400, 'validation.required', { field: 'onlineLink' });
  if (input.endsAt && new Date(input.endsAt) <= new Date(input.startsAt)) {
    throw new AppError(400, 'validation.invalid', { field: 'endsAt', params: { detail: 'endsAt' } });
  }
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.manage',
    audit: 'meeting.schedule',
    write: async (tx, matter) => {
      requireStage(matter, 'canHoldMeeting');
      const startsAt = new Date(input.startsAt);
      const endsAt = input.endsAt ? new Date(input.endsAt) : null;
      const venue = input.venueId ? await venueForMeeting(tx, input.venueId, matter.placePath) : undefined;
      const meeting = await insertMeeting(
        tx,
        {
          matterId: matter.id,
          mode: input.mode,
          // The venue's name is the meeting's place wherever it is printed (notices, texts, the file).
          venue: input.venue ?? venue?.name ?? null,
          onlineLink: input.onlineLink ?? null,
          startsAt,
          endsAt,
          agenda: input.agenda,
          signInCode: newSignInCode(),
          createdBy: actor.accountId,
        },
        venue?.id ?? null,
      );
      // Booked from the start for the meeting's length (2 h without an end); an overlap is 409.
      if (venue) {
        await bookVenue(tx, {
          venueId: venue.id,
          field: 'venueId',
          within: matter.placePath,
          meetingId: meeting.id,
          startsAt,
          endsAt,
          createdBy: actor.accountId,
        });
      }
      return {
        payload: { meetingId: meeting.id, mode: meeting.mode, startsAt: meeting.startsAt.toISOString() },
        texts: [{ kind: 'meeting', id: meeting.id, field: 'agenda', text: meeting.agenda }],
        result: meeting,
      };
    },
  });
}

/** The meeting and whether the actor runs it (sees the code and names). */
export async function readMeeting(db: Db, actor: Actor, meetingId: number) {
  const meeting = await meetingOrNotFound(db, meetingId);
  const { subject } = await loadVisibleMatter(db, actor, meeting.matterId);
  return {
    meeting,
    subject,
    runs: can(actor, 'matter.manage', subject),
    isStaff: can(actor, 'matter.export', subject),
  };
}

/** The meeting as its viewer sees it: whether they are invited and their own sign-in, so a reload keeps 已签到. */
export async function readMeetingForViewer(db: Db, actor: Actor, meetingId: number) {
  const read = await readMeeting(db, actor, meetingId);
  const invitation = await invitationOf(db, read.meeting.matterId, actor);
  const signIn = await signInOf(db, meetingId, actor, invitation?.id);
  return {
    ...read,
    isInvited: invitation !== undefined,
    mySignIn: signIn ? { signedInAt: signIn.at.toISOString(), method: signIn.method } : null,
  };
}

export async function listMeetings(db: Db, actor: Actor, matterId: number) {
  const { subject } = await loadVisibleMatter(db, actor, matterId);
  const rows = await meetingsOfMatter(db, matterId);
  return { rows, runs: can(actor, 'matter.manage', subject) };
}

/**
 * Records one attendee once: a second sign-in (also a concurrent one) meets the unique index and
 * reports `alreadySignedIn` instead of adding a row.
 */
async function recordSignIn(
  db: Db,
  actor: Actor,
  meetingId: number,
  audit: 'meeting.signIn' | 'meeting.markAttendance',
  pick: (
    tx: DbOrTx,
    matterId: number,
  ) => Promise<{
    invitationId: number;
    accountId: number | null;
    method: SignInMethod;
  }>,
) {
  const meeting = await meetingOrNotFound(db, meetingId);
  return runMatterCommand(db, {
    actor,
    matterId: meeting.matterId,
    action: audit === 'meeting.signIn' ? 'matter.view' : 'matter.manage',
    audit,
    write: async (tx, matter) => {
      requireStage(matter, 'canHoldMeeting');
      const who = await pick(tx, matter.id);
      const isInserted = await insertSignIn(tx, {
        meetingId,
        invitationId: who.invitationId,
        accountId: who.accountId,
        method: who.method,
        markedBy: who.method === 'staff' ? actor.accountId : null,
      });
      const result = { meetingId, invitationId: who.invitationId, alreadySignedIn: !isInserted };
      // The first sign-in shows the meeting took place; a closed meeting stays closed.
      if (!result.alreadySignedIn) await markMeetingHeld(tx, meetingId);
      return { payload: { ...result, method: who.method }, result, isNoop: result.alreadySignedIn };
    },
  });
}

/** An invitee signs in with the code the convenor shows. */
export async function signInByCode(db: Db, actor: Actor, meetingId: number, code: string) {
  return recordSignIn(db, actor, meetingId, 'meeting.signIn', async (tx, matterId) => {
    const meeting = await meetingOrNotFound(tx, meetingId);
    if (meetingLifecycle.is.closed(meeting.status)) throw new AppError(409, 'meeting.closed');
    const invitation = await invitationOf(tx, matterId, actor);
    if (!invitation) throw new AppError(403, 'meeting.not_invited');
    if (code.toUpperCase() !== meeting.signInCode) throw new AppError(400, 'meeting.wrong_code', { field: 'code' });
    return { invitationId: invitation.id, accountId: actor.accountId, method: 'code' };
  });
}

/**
 * Staff close sign-in: codes stop working (409 `meeting.closed`). Staff may still mark attendance
 * afterwards, so a paper sheet can be entered after the meeting.
 */
export async function closeMeeting(db: Db, actor: Actor, meetingId: number) {
  const meeting = await meetingOrNotFound(db, meetingId);
  return runMatterCommand(db, {
    actor,
    matterId: meeting.matterId,
    action: 'matter.manage',
    audit: 'meeting.close',
    write: async (tx) => {
      const current = (await findMeetingForUpdate(tx, meetingId))!;
      if (meetingLifecycle.is.closed(current.status)) return { payload: { meetingId }, result: current, isNoop: true };
      const row = await markMeetingClosed(tx, meetingId);
      return { payload: { meetingId, from: current.status }, result: row };
    },
  });
}

/** Staff mark an invitee present (no phone, an organisation's delegate, a paper sheet). */
export async function markAttendance(db: Db, actor: Actor, meetingId: number, invitationId: number) {
  return recordSignIn(db, actor, meetingId, 'meeting.markAttendance', async (tx, matterId) => {
    const invitation = await findInvitation(tx, invitationId);
    if (!invitation || invitation.matterId !== matterId) {
      throw new AppError(400, 'meeting.invitation_other_matter', { field: 'invitationId' });
    }
    return { invitationId: invitation.id, accountId: invitation.accountId, method: 'staff' };
  });
}

/** 应到 (invitations not declined) and 实到 (signed in), with one row per invitee. */
export async function readSheet(db: Db, actor: Actor, meetingId: number) {
  const { meeting, isStaff } = await readMeeting(db, actor, meetingId);
  const rows = await sheetRows(db, meeting.id, meeting.matterId);
  return {
    rows,
    isStaff,
    due: rows.filter((r) => r.reply !== 'no').length,
    present: rows.filter((r) => r.method).length,
  };
}
