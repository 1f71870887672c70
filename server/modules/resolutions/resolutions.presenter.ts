import type { resolutions } from '../../db/schema';

/** Objections are accepted while the window's end lies strictly in the future. */
export function isObjectionWindowOpen(objectionEndsAt: Date, now: Date): boolean {
  return objectionEndsAt.getTime() > now.getTime();
}

export function presentResolution(row: typeof resolutions.$inferSelect, now: Date) {
  return {
    id: row.id,
    matterId: row.matterId,
    body: row.body,
    basis: row.basis,
    meetingId: row.meetingId,
    ballotId: row.ballotId,
    objectionEndsAt: row.objectionEndsAt.toISOString(),
    isObjectionWindowOpen: isObjectionWindowOpen(row.objectionEndsAt, now),
    createdAt: row.createdAt.toISOString(),
  };
}
