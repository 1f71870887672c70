import { sql } from 'drizzle-orm';
import { redactMinutes, type KnownPerson } from '../../../domain/matters/redaction';
import type { DbOrTx } from '../../db/client';

/**
 * Everyone the free texts of these matters might name (as publicPeople of the public matter page, read
 * once for a whole page of matters): invitees, named outside parties, every account in their chains,
 * meetings, tasks and places, staff holding a grant above them and the residents of their places. One
 * list serves every card of the page: redacting a name that belongs to another card's matter only hides
 * more.
 */
export async function peopleOfMatters(db: DbOrTx, matterIds: number[]): Promise<KnownPerson[]> {
  if (matterIds.length === 0) return [];
  const ids = sql.raw(`array[${matterIds.map(Number).join(',')}]::int[]`);
  const result = await db.execute<{ name: string; role: string | null }>(sql`
    select r.name, case i.reason when 'council' then '议事会成员' else null end as role
      from invitations i join residents r on r.id = i.resident_id where i.matter_id = any(${ids})
    union all
    select i.outside_name, '受邀方' from invitations i where i.matter_id = any(${ids}) and i.outside_name is not null
    union all
    select a.display_name, case when a.resident_id is null then '工作人员' else null end
      from accounts a where a.id in (
        select e.actor_account_id from matter_events e where e.matter_id = any(${ids})
        union select i.account_id from invitations i where i.matter_id = any(${ids})
        union select s.account_id from sign_ins s join meetings m on m.id = s.meeting_id where m.matter_id = any(${ids})
        union select m.created_by from meetings m where m.matter_id = any(${ids})
        union select t.owner_account_id from tasks t where t.matter_id = any(${ids})
        union select n.created_by from notices n where n.matter_id = any(${ids})
        union select mt.proposer_account_id from matters mt where mt.id = any(${ids})
        union select mt.convenor_account_id from matters mt where mt.id = any(${ids}))
    union all
    select a.display_name, '工作人员' from (select distinct place_path from matters where id = any(${ids})) mt
      join places p on mt.place_path like p.path || '%'
      join role_grants g on g.place_id = p.id
      join accounts a on a.id = g.account_id
    union all
    (select distinct r.name, null from residents r
      where r.place_path like any(array(select distinct place_path || '%' from matters where id = any(${ids})))
      limit 5000)`);
  return result.rows.filter((p) => p.name);
}

/** A redactor over these people (names → labels, phones and flats dropped), as for published minutes. */
export const redactorFor = (people: readonly KnownPerson[]) => (text: string) => redactMinutes(text, people);

/** The first `max` characters of a redacted text, with an ellipsis when cut. */
export function snippet(text: string, max = 80): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}
