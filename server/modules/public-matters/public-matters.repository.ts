import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { KnownPerson } from '../../../domain/matters/redaction';
import { pathIds } from '../../../domain/territory/places';
import type { DbOrTx } from '../../db/client';
import { matters, meetings, minutes, places } from '../../db/schema';
import { readImplementation } from '../implementation';
import { readMatterChain } from '../matters';
import { findResolution, listObjections } from '../resolutions';

/** Statuses whose record is public (for matters with `visibility: 'public'`): the outcome stands. */
export const publicStatuses = ['resolved', 'implementing', 'reviewed', 'archived'] as const;

/** A matter anyone may read, or undefined (unknown, not public, or not yet decided: all look alike). */
export async function findPublicMatter(db: DbOrTx, matterId: number) {
  const [matter] = await db.select().from(matters).where(eq(matters.id, matterId));
  if (!matter || matter.visibility !== 'public') return undefined;
  return (publicStatuses as readonly string[]).includes(matter.status) ? matter : undefined;
}

/**
 * Everyone the matter's free texts might name, with the label the public sees instead: invitees,
 * attendees, everyone in the chain, staff holding a grant over the place, named outside parties and
 * the residents of the matter's place.
 */
export async function publicPeople(db: DbOrTx, matterId: number): Promise<KnownPerson[]> {
  const result = await db.execute<{ name: string; role: string | null }>(sql`
    select r.name, case i.reason when 'council' then '议事会成员' else null end as role
      from invitations i join residents r on r.id = i.resident_id where i.matter_id = ${matterId}
    union all
    select i.outside_name, '受邀方' from invitations i where i.matter_id = ${matterId} and i.outside_name is not null
    union all
    select a.display_name, case when a.resident_id is null then '工作人员' else null end
      from accounts a where a.id in (
        select e.actor_account_id from matter_events e where e.matter_id = ${matterId}
        union select i.account_id from invitations i where i.matter_id = ${matterId}
        union select s.account_id from sign_ins s join meetings m on m.id = s.meeting_id where m.matter_id = ${matterId}
        union select m.created_by from meetings m where m.matter_id = ${matterId}
        union select t.owner_account_id from tasks t where t.matter_id = ${matterId}
        union select mt.proposer_account_id from matters mt where mt.id = ${matterId}
        union select mt.convenor_account_id from matters mt where mt.id = ${matterId})
    union all
    select a.display_name, '工作人员' from matters mt
      join places p on mt.place_path like p.path || '%'
      join role_grants g on g.place_id = p.id
      join accounts a on a.id = g.account_id
      where mt.id = ${matterId}
    union all
    (select r.name, null from matters mt join residents r on r.place_path like mt.place_path || '%'
      where mt.id = ${matterId} limit 5000)`);
  return result.rows.filter((p) => p.name);
}

/** Everything the public record is built from, read once. */
export async function readPublicRecord(db: DbOrTx, matter: typeof matters.$inferSelect) {
  const ids = pathIds(matter.placePath);
  const placeRows = await db
    .select({ id: places.id, kind: places.kind, name: places.name })
    .from(places)
    .where(inArray(places.id, ids));
  const minuteRows = await db
    .select({
      meetingId: meetings.id,
      mode: meetings.mode,
      startsAt: meetings.startsAt,
      bodyPublished: minutes.bodyPublished,
      publishedAt: minutes.publishedAt,
    })
    .from(minutes)
    .innerJoin(meetings, eq(meetings.id, minutes.meetingId))
    .where(eq(meetings.matterId, matter.id))
    .orderBy(asc(meetings.startsAt), asc(meetings.id));
  const resolution = await findResolution(db, matter.id);
  return {
    matter,
    trail: ids.map((id) => placeRows.find((p) => p.id === id)).filter((p) => p !== undefined),
    minutes: minuteRows.filter((m) => m.bodyPublished !== null),
    resolution: resolution ?? null,
    objections: resolution ? await listObjections(db, resolution.id) : [],
    implementation: await readImplementation(db, matter.id),
    chain: await readMatterChain(db, matter.id),
    people: await publicPeople(db, matter.id),
  };
}
export type PublicRecord = Awaited<ReturnType<typeof readPublicRecord>>;
