import { sql, type SQL } from 'drizzle-orm';
import type { FigureKey } from '../../../domain/statistics';
import { matterLifecycle } from '../../../domain/matters/stages';
import { taskLifecycle } from '../../../domain/implementation/task-status';
import { isState } from '../../db/lifecycle-sql';
import {
  ballots,
  ballotVotes,
  evaluations,
  followUps,
  invitations,
  matters,
  matterStageEntries,
  meetings,
  signIns,
} from '../../db/schema';

/** A period as instants: China midnight of `from` (inclusive) and of `to` (exclusive), and today. */
export type Bounds = { from: string; to: string; today: string };

const start = (day: string) => sql`(${day}::date::timestamp at time zone 'Asia/Shanghai')`;
const dayStart = (column: SQL) => sql`(${column}::timestamp at time zone 'Asia/Shanghai')`;

/**
 * The rows behind each figure, one SQL per figure, each `(matter_id, at, a, b, sub)`: `at` dates the
 * row (for grouping by month), `a`/`b` are the numerator and denominator (a count has 1/1, a mean
 * the value/1, a median the value), `sub` a sub-key (the stage for days in stage). The dashboard,
 * the bulletin and the drill-down all read these, so a number and its list cannot disagree.
 */
export function figureSource(figure: FigureKey | 'daysInStage', p: Bounds, only?: SQL): SQL {
  // `only`: a condition on a matter id column (e.g. `= any(ids)`) limiting the rows to some matters.
  const of = (column: SQL) => (only ? sql`${column} ${only}` : sql`true`);
  const from = start(p.from);
  const to = start(p.to);
  const inPeriod = (column: SQL) => sql`${column} >= ${from} and ${column} < ${to}`;
  const entered = (status: string) => sql`
    select e.matter_id, e.entered_at as at, 1::numeric as a, 1::numeric as b, ''::text as sub
    from ${matterStageEntries} e where e.status = ${status} and ${inPeriod(sql`e.entered_at`)} and ${of(sql`e.matter_id`)}`;
  const archivedWith = (condition: SQL) => sql`
    select m.id as matter_id, m.sealed_at as at, 1::numeric as a, 1::numeric as b, ''::text as sub
    from ${matters} m join ${evaluations} ev on ev.matter_id = m.id
    where ${isState(sql`m.status`, matterLifecycle.state.archived)} and ${inPeriod(sql`m.sealed_at`)} and ${condition} and ${of(sql`m.id`)}`;
  // Held = at least one sign-in. The sign-ins are counted per meeting in ONE grouped pass joined by
  // id: sign_ins has no plain index on meeting_id, so a count per meeting (a correlated subquery)
  // scanned the whole table once per meeting — minutes at 60,000 meetings.
  const meetingsHeld = (a: SQL, b: SQL) => sql`
    select mt.matter_id, mt.starts_at as at, ${a} as a, ${b} as b, ''::text as sub
    from ${meetings} mt
    join (
      select s.meeting_id, count(*) as signed from ${signIns} s
      where ${only ? sql`s.meeting_id in (select id from meetings where ${of(sql`matter_id`)})` : sql`true`}
      group by s.meeting_id
    ) s on s.meeting_id = mt.id
    where ${inPeriod(sql`mt.starts_at`)} and ${of(sql`mt.matter_id`)}`;
  const tasksDue = (a: SQL, condition: SQL) => sql`
    select t.matter_id, ${dayStart(sql`t.due_on`)} as at, ${a} as a, 1::numeric as b, ''::text as sub
    from tasks t
    where t.due_on >= ${p.from}::date and t.due_on < least(${p.to}::date, ${p.today}::date) and ${condition}
      and ${of(sql`t.matter_id`)}`;

  switch (figure) {
    case 'raised':
      return entered('raised');
    case 'resolved':
      return entered('resolved');
    case 'archived':
      return sql`
        select m.id as matter_id, m.sealed_at as at, 1::numeric as a, 1::numeric as b, ''::text as sub
        from ${matters} m where ${isState(sql`m.status`, matterLifecycle.state.archived)} and ${inPeriod(sql`m.sealed_at`)} and ${of(sql`m.id`)}`;
    case 'livelihoodSolved':
      return archivedWith(sql`m.kind = 'livelihood' and ev.outcome = 'positive'`);
    case 'disputesResolved':
      return archivedWith(sql`m.kind = 'dispute' and ev.is_dispute_resolved`);
    case 'consultations':
      return meetingsHeld(sql`1::numeric`, sql`1::numeric`);
    case 'participation':
      return meetingsHeld(
        sql`s.signed::numeric`,
        sql`(select count(*) from ${invitations} i where i.matter_id = mt.matter_id)::numeric`,
      );
    case 'onlineMeetings':
      return meetingsHeld(sql`(mt.mode in ('online', 'hybrid'))::int::numeric`, sql`1::numeric`);
    case 'onlineVotes':
      return sql`
        select bl.matter_id, v.cast_at as at, (v.channel = 'online')::int::numeric as a, 1::numeric as b,
          ''::text as sub
        from ${ballotVotes} v join ${ballots} bl on bl.id = v.ballot_id
        where bl.matter_id is not null and ${inPeriod(sql`v.cast_at`)} and ${of(sql`bl.matter_id`)}`;
    case 'medianDays':
      return sql`
        select m.id as matter_id, m.sealed_at as at,
          (extract(epoch from m.sealed_at - coalesce(r.entered_at, m.created_at)) / 86400)::numeric as a,
          1::numeric as b, ''::text as sub
        from ${matters} m left join ${matterStageEntries} r on r.matter_id = m.id and ${isState(sql`r.status`, matterLifecycle.state.raised)}
        where ${isState(sql`m.status`, matterLifecycle.state.archived)} and ${inPeriod(sql`m.sealed_at`)} and ${of(sql`m.id`)}`;
    case 'overdueTasks':
      return tasksDue(sql`1::numeric`, sql`${isState(sql`t.status`, taskLifecycle.state.open)}`);
    case 'implementationRate':
      return tasksDue(sql`(${isState(sql`t.status`, taskLifecycle.state.done)})::int::numeric`, sql`true`);
    case 'satisfaction':
      return sql`
        select f.matter_id, f.created_at as at, f.satisfaction::numeric as a, 1::numeric as b, ''::text as sub
        from ${followUps} f where ${inPeriod(sql`f.created_at`)} and ${of(sql`f.matter_id`)}`;
    case 'daysInStage':
      // For the matters archived in the period: days from entering each status to entering the next.
      return sql`
        select st.matter_id, st.at, st.a, 1::numeric as b, st.status as sub from (
          select e.matter_id, e.status, m.sealed_at as at,
            (extract(epoch from lead(e.entered_at) over (partition by e.matter_id order by e.entered_at) - e.entered_at)
              / 86400)::numeric as a
          from ${matterStageEntries} e join ${matters} m on m.id = e.matter_id
          where ${isState(sql`m.status`, matterLifecycle.state.archived)} and ${inPeriod(sql`m.sealed_at`)} and ${of(sql`m.id`)}
        ) st where st.a is not null`;
  }
}
