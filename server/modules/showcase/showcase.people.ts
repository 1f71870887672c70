import { sql, type SQL } from 'drizzle-orm';
import { redactMinutes, type KnownPerson } from '../../../domain/matters/redaction';
import type { DbOrTx } from '../../db/client';

/**
 * Everyone the free texts of these matters might name (as publicPeople of the public matter page, read
 * once for a whole page of matters): invitees, named outside parties, every account in their chains,
 * meetings, tasks and places, staff holding a grant on their places or above and the residents of their
 * places. One list serves every card of the page: redacting a name that belongs to another card's
 * matter only hides more.
 */
export async function peopleOfMatters(db: DbOrTx, matterIds: number[]): Promise<KnownPerson[]> {
  if (matterIds.length === 0) return [];
  const ids = sql`${sql.param(matterIds.map(Number))}::int[]`;
  const result = await db.execute<{ name: string; role: string | null }>(peopleQuery(ids));
  return result.rows.filter((p) => p.name);
}

/** The SELECT of `peopleOfMatters` over an int[] of matter ids: rows of (name, role). */
export function peopleQuery(ids: SQL): SQL {
  return sql`
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
    -- Grants on the matters' places or above: the ids on their paths (no scan of every place).
    select a.display_name, '工作人员' from role_grants g join accounts a on a.id = g.account_id
      where g.place_id in (select unnest(string_to_array(trim(both '/' from mt.place_path), '/'))::int
        from matters mt where mt.id = any(${ids}))
    union all
    (select r.name, null from (select distinct place_path from matters where id = any(${ids})) mp
      cross join lateral (
        -- A range on the path index (a LIKE with a column pattern cannot use it): the place's subtree.
        select r.name from residents r
          where r.place_path ~>=~ mp.place_path and r.place_path ~<~ (mp.place_path || '~') limit 5000) r
      limit 5000)`;
}

/** Between texts redacted together: no name, phone or flat pattern can reach across it. */
const SEPARATOR = '\n\u2063\n';

/**
 * Redacts many texts with one pass of the minutes redaction (names → labels, phones and flats dropped).
 * Setting up the redaction over hundreds of names costs far more than the texts themselves, so a page
 * of cards is redacted as one text and split again.
 */
export function redactAll(texts: readonly string[], people: readonly KnownPerson[]): string[] {
  if (texts.length === 0) return [];
  const text = texts.join(SEPARATOR);
  const parts = redactMinutes(text, peopleWhoMayMatch(text, people)).split(SEPARATOR);
  // Should a pattern ever reach across the separator, fall back to one text at a time.
  return parts.length === texts.length ? parts : texts.map((text) => redactMinutes(text, people));
}

/** Characters a label of `redactMinutes` may write besides the roles: 居民 + a pinyin initial, or 某. */
const LABEL_CHARS = '居民某ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The people whose names or surname forms could occur in `text` while it is redacted: a name can only
 * be replaced, and a surname only matched, if its first character is in the text or in a label written
 * into it. Dropping the others changes nothing in the result and spares setting up thousands of names.
 */
function peopleWhoMayMatch(text: string, people: readonly KnownPerson[]): readonly KnownPerson[] {
  const present = new Set([...text, ...LABEL_CHARS]);
  for (const p of people) for (const c of p.role ?? '') present.add(c);
  return people.filter((p) => present.has([...p.name.trim()][0] ?? ''));
}

/** A lookup of texts redacted together by `redactAll` (unknown texts are redacted on their own). */
export function redactorFor(texts: readonly string[], people: readonly KnownPerson[]) {
  const unique = [...new Set(texts)];
  const done = new Map(redactAll(unique, people).map((text, i) => [unique[i]!, text]));
  return (text: string) => done.get(text) ?? redactMinutes(text, people);
}

/** The first `max` characters of a redacted text, with an ellipsis when cut. */
export function snippet(text: string, max = 80): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}
