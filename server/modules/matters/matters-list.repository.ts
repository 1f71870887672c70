import { and, desc, eq, or, sql } from 'drizzle-orm';
import type { ListScope } from '../../../domain/access';
import { matterLifecycle } from '../../../domain/matters/stages';
import type { DbOrTx } from '../../db/client';
import { invitations, matterSupports, matters } from '../../db/schema';
import { inScope } from '../../db/subtree';

/** Whose matters a list shows: those inside the places of a scope, or one person's own. */
export type MatterListOf = { queue: ListScope } | { mine: { accountId: number; residentId: number | null } };

/**
 * One page of the matters a list shows (newest change first) and how many it holds in each status.
 * "mine": matters the person raised, supports or is invited to (as an account or as a resident).
 */
export async function matterListPage(
  db: DbOrTx,
  of: MatterListOf,
  query: { status?: string; page: number; pageSize: number },
) {
  const where =
    'queue' in of
      ? inScope(matters.placePath, of.queue)
      : or(
          eq(matters.proposerAccountId, of.mine.accountId),
          sql`exists (select 1 from ${matterSupports} s where s.matter_id = ${matters.id} and s.account_id = ${of.mine.accountId})`,
          sql`exists (select 1 from ${invitations} i where i.matter_id = ${matters.id}
                and (i.account_id = ${of.mine.accountId} or i.resident_id = ${of.mine.residentId ?? -1}))`,
        );
  // An unknown status in the query string matches no matter (the column holds only known states).
  const byStatus = (status: string) => (matterLifecycle.isState(status) ? eq(matters.status, status) : sql`false`);
  const filter = query.status ? and(where, byStatus(query.status)) : where;
  const [rows, counts] = await Promise.all([
    db
      .select()
      .from(matters)
      .where(filter)
      .orderBy(desc(matters.updatedAt))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ status: matters.status, n: sql<number>`count(*)::int` })
      .from(matters)
      .where(where)
      .groupBy(matters.status),
  ]);
  return { rows, counts };
}
