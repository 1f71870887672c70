import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { places, roleGrantEvents, roleGrants } from '../db/schema';
import { inSubtree } from '../db/subtree';

/**
 * Writes the record of grants (任免记录) for the demo's staff and supervisor grants that have none
 * yet: each as granted by the nearest officer above the place (the town officer for a community),
 * or as held before the record began where no officer is above it. Idempotent.
 */
export async function recordDemoGrants(db: DbOrTx): Promise<void> {
  await db.execute(sql`
    insert into ${roleGrantEvents} (account_id, role, place_id, place_path, kind, actor_account_id, actor_label, at)
    select g.account_id, g.role, g.place_id, p.path, 'granted', officer.account_id,
      case when officer.account_id is null then 'before-record' end, g.created_at
    from ${roleGrants} g
    join ${places} p on p.id = g.place_id
    left join lateral (
      select og.account_id from ${roleGrants} og join ${places} op on op.id = og.place_id
      where og.role in ('town_officer', 'city_officer', 'admin') and og.account_id <> g.account_id
        and op.path <> p.path and ${inSubtree(sql`p.path`, sql`op.path`)}
      order by length(op.path) desc, og.account_id limit 1
    ) officer on true
    where g.role not in ('resident', 'member')
      and not exists (select 1 from ${roleGrantEvents} e
        where e.account_id = g.account_id and e.role = g.role and e.place_id = g.place_id)`);
}
