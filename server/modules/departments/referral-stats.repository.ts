import { sql, type SQL } from 'drizzle-orm';
import { OPEN_REFERRAL_STATUSES, referralLifecycle, type DepartmentFigure } from '../../../domain/departments';
import type { DbOrTx } from '../../db/client';
import { inStates, isState } from '../../db/lifecycle-sql';
import { inSubtree } from '../../db/subtree';
import { departments, referrals } from '../../db/schema';

/** A period of China days and the day "overdue" is judged on, over the departments of a subtree. */
export type DepartmentStatsQuery = { subtreePath: string; from: string; to: string; today: string };

const chinaDay = (column: SQL) => sql`(${column} at time zone 'Asia/Shanghai')::date`;

/**
 * THE definition of the department statistics, one row per referral received (sent) in the period by a
 * department of the subtree: whether it was answered, in how many days, and whether it is overdue (not
 * answered by its due day: still open after it, or answered later). The figures and their drill-down
 * both read this, so a number and the referrals behind it cannot disagree.
 */
function referralFacts(q: DepartmentStatsQuery): SQL {
  const answered = isState(sql`r.status`, referralLifecycle.state.answered);
  const answeredDay = chinaDay(sql`r.answered_at`);
  return sql`
    select r.id, r.department_id,
      ${answered} as is_answered,
      case when ${answered} then ${answeredDay} - ${chinaDay(sql`r.sent_at`)} end as response_days,
      ((${inStates(sql`r.status`, OPEN_REFERRAL_STATUSES)} and r.due_on < ${q.today}::date)
        or (${answered} and ${answeredDay} > r.due_on)) as is_overdue
    from ${referrals} r join ${departments} d on d.id = r.department_id
    where ${inSubtree(sql`d.place_path`, q.subtreePath)}
      and ${chinaDay(sql`r.sent_at`)} between ${q.from}::date and ${q.to}::date`;
}

/** Each department of the subtree with its figures (departments with no referral read zero). */
export async function departmentFigureRows(db: DbOrTx, q: DepartmentStatsQuery) {
  const { rows } = await db.execute<{
    department_id: number;
    received: number;
    answered: number;
    overdue: number;
    median_days: string | null;
  }>(sql`
    with facts as (${referralFacts(q)})
    select d.id as department_id,
      count(f.id)::int as received,
      count(f.id) filter (where f.is_answered)::int as answered,
      count(f.id) filter (where f.is_overdue)::int as overdue,
      percentile_cont(0.5) within group (order by f.response_days) filter (where f.is_answered) as median_days
    from ${departments} d left join facts f on f.department_id = d.id
    where ${inSubtree(sql`d.place_path`, q.subtreePath)}
    group by d.id`);
  return rows.map((r) => ({
    departmentId: r.department_id,
    received: r.received,
    answered: r.answered,
    overdue: r.overdue,
    medianDays: r.median_days === null ? null : Number(r.median_days),
  }));
}

const figureFilter: Record<DepartmentFigure, SQL> = {
  received: sql`true`,
  answered: sql`f.is_answered`,
  overdue: sql`f.is_overdue`,
};

/** The referrals behind one department's figure, with their response days. */
export async function referralsBehind(
  db: DbOrTx,
  q: DepartmentStatsQuery & { departmentId: number; figure: DepartmentFigure },
) {
  const { rows } = await db.execute<{ id: number; response_days: number | null }>(sql`
    with facts as (${referralFacts(q)})
    select f.id, f.response_days from facts f
    where f.department_id = ${q.departmentId} and ${figureFilter[q.figure]}
    order by f.id
    limit 1000`);
  return rows.map((r) => ({ id: r.id, responseDays: r.response_days === null ? null : Number(r.response_days) }));
}
