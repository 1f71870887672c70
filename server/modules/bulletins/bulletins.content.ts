import { monthPeriod } from '../../../domain/statistics';
import type { DbOrTx } from '../../db/client';
import { readMonthAnchors } from '../chain';
import { figuresByGroup, figuresFor, mattersBehind } from '../statistics';
import type { BulletinContent } from '../../../contracts/bulletins';
import type { GovernanceGroup } from '../../../domain/governance/governances';
import { bestEvaluated, openTasksDueBetween } from './bulletins.repository';
import { overdueReferralsIn } from '../departments';
import { capacitySummary } from '../capacity';

/** How many matters each "best" and "most overdue" list names. */
export const TOP = 5;
/** The most matters one list of a bulletin reads (a city month stays far below it). */
const MAX_BEHIND = 2000;

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * The bulletin of one place for one month, as of `asOf` (a China day). Every number is the
 * statistics module's (figuresFor / figuresByGroup / mattersBehind over the same period), so the
 * bulletin and the dashboard agree; this only adds the task lines and the evaluation scores behind them.
 */
export async function composeBulletin(
  db: DbOrTx,
  place: { id: number; name: string; kind: string; path: string },
  month: string,
  asOf: string,
): Promise<BulletinContent> {
  const period = monthPeriod(month);
  const query = { placeId: place.id, ...period, today: asOf };
  const figures = await figuresFor(db, query);
  const grouped = await figuresByGroup(db, { ...query, groupBy: 'place' });
  const byPlace = grouped.groups.map((g) => ({
    placeId: g.placeId ?? null,
    name: g.label,
    raised: g.figures.raised,
    resolved: g.figures.resolved,
    archived: g.figures.archived,
    overdueTasks: g.figures.overdueTasks,
    implementationRate: g.figures.implementationRate,
    satisfaction: g.figures.satisfaction,
  }));

  const byGovernance = (await figuresByGroup(db, { ...query, groupBy: 'governance' })).groups.map((g) => ({
    governance: g.key as GovernanceGroup,
    raised: g.figures.raised,
    resolved: g.figures.resolved,
    archived: g.figures.archived,
    consultations: g.figures.consultations,
    implementationRate: g.figures.implementationRate,
    satisfaction: g.figures.satisfaction,
  }));

  const overdueMatters = await mattersBehind(db, { ...query, figure: 'overdueTasks', size: MAX_BEHIND });
  const overdueIds = overdueMatters.items.map((m) => m.id);
  // The task lines of the overdue-tasks figure: open, due inside the month and before asOf.
  const lines = overdueIds.length
    ? await openTasksDueBetween(db, overdueIds, period.from, period.to < asOf ? period.to : asOf)
    : [];
  const overdueTasks = lines.map((l) => ({ ...l, daysOverdue: daysBetween(l.dueOn, asOf) }));

  const mostOverdue = overdueMatters.items
    .map((m) => {
      const own = overdueTasks.filter((t) => t.matterId === m.id);
      return {
        matterId: m.id,
        title: m.title,
        placeName: m.placeName,
        openTasks: own.length,
        daysOverdue: Math.max(0, ...own.map((t) => t.daysOverdue)),
      };
    })
    .sort((a, b) => b.daysOverdue - a.daysOverdue || b.openTasks - a.openTasks || a.matterId - b.matterId)
    .slice(0, TOP);

  const archived = await mattersBehind(db, { ...query, figure: 'archived', size: MAX_BEHIND });
  const archivedIds = archived.items.map((m) => m.id);
  const best = archivedIds.length ? await bestEvaluated(db, archivedIds, TOP) : [];

  const overdueReferrals = (await overdueReferralsIn(db, place.path, asOf)).map((r) => ({
    matterId: r.matterId,
    title: r.title,
    placeName: r.placeName,
    department: r.department,
    dueOn: r.dueOn,
    daysOverdue: daysBetween(r.dueOn, asOf),
  }));

  return {
    place: { id: place.id, name: place.name, kind: place.kind },
    month,
    period,
    asOf,
    figures: figures as unknown as Record<string, unknown>,
    byPlace,
    byGovernance,
    overdueTasks,
    best,
    mostOverdue,
    anchors: await readMonthAnchors(db, month),
    overdueReferrals,
    capacity: await capacitySummary(db, place, Number(month.slice(0, 4))),
  };
}
