import type { Actor } from '../../../domain/access';
import { maskName } from '../announcements';
import type { MeetingRow, sheetRows } from './meetings.repository';
import type { AmendmentRow, MinutesRow } from './minutes.repository';

/** The sign-in code only for those who run the meeting. */
export function presentMeeting(m: MeetingRow, runs: boolean) {
  return {
    id: m.id,
    matterId: m.matterId,
    mode: m.mode,
    venue: m.venue,
    venueId: m.venueId,
    onlineLink: m.onlineLink,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt?.toISOString() ?? null,
    agenda: m.agenda,
    status: m.status,
    signInCode: runs ? m.signInCode : null,
  };
}

type SheetRow = Awaited<ReturnType<typeof sheetRows>>[number];

/** Residents' names for staff (and the actor's own row); initials for everyone else. */
export function presentSheet(
  sheet: { rows: SheetRow[]; isStaff: boolean; due: number; present: number },
  actor: Actor,
) {
  return {
    due: sheet.due,
    present: sheet.present,
    rows: sheet.rows.map((r) => {
      const own = r.accountId === actor.accountId || (r.residentId !== null && r.residentId === actor.residentId);
      const masked = r.residentId !== null && !sheet.isStaff && !own;
      return {
        invitationId: r.invitationId,
        name: masked ? maskName(r.name) : r.name,
        isNameMasked: masked,
        reason: r.reason,
        reply: r.reply,
        signedIn: r.method !== null,
        method: r.method,
      };
    }),
  };
}

export function presentMinutes(
  read: {
    row: MinutesRow;
    isStaff: boolean;
    body: string | null;
    amendments: AmendmentRow[];
  },
  actor: Actor,
) {
  const { row } = read;
  return {
    id: row.id,
    meetingId: row.meetingId,
    status: row.status,
    amendUntil: row.amendUntil?.toISOString() ?? null,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    bodyFull: read.isStaff ? row.bodyFull : null,
    body: read.body,
    amendments: read.amendments.map((a) => ({
      id: a.id,
      body: a.body,
      status: a.status,
      answer: a.answer,
      isMine: a.accountId === actor.accountId,
      createdAt: a.createdAt.toISOString(),
    })),
  };
}
