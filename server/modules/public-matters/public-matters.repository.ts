import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { meetings, minutes } from '../../db/schema';

/** The minutes of the matter's meetings (published or not), in meeting order. */
export async function meetingMinuteRows(db: DbOrTx, matterId: number) {
  return db
    .select({
      minutesId: minutes.id,
      meetingId: meetings.id,
      mode: meetings.mode,
      startsAt: meetings.startsAt,
      bodyPublished: minutes.bodyPublished,
      publishedAt: minutes.publishedAt,
    })
    .from(minutes)
    .innerJoin(meetings, eq(meetings.id, minutes.meetingId))
    .where(eq(meetings.matterId, matterId))
    .orderBy(asc(meetings.startsAt), asc(meetings.id));
}
