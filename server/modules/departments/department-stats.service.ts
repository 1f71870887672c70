import type { Actor } from '../../../domain/access';
import type { DepartmentFigure } from '../../../domain/departments';
import { todayInChina } from '../../calendar';
import type { Db } from '../../db/client';
import { invalid, missing } from '../../errors';
import { authorizePlace, placeOrNotFound } from '../places';
import { departmentsInSubtree } from './departments.repository';
import { departmentFigureRows, referralsBehind } from './referral-stats.repository';
import { presentReferralSummary } from './referrals.presenter';
import { referralRowsByIds } from './referrals.repository';

const isRealDay = (day: string) => new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);

/** The place (statistics readers only) and the period, checked: real days, from ≤ to. */
async function statsQuery(db: Db, actor: Actor, placeId: number, period: { from: string; to: string }) {
  const place = await placeOrNotFound(db, placeId);
  authorizePlace(actor, 'statistics.view', place);
  if (!isRealDay(period.from)) throw invalid('from', 'validation.date');
  if (!isRealDay(period.to) || period.to < period.from) throw invalid('to', 'validation.date');
  return { place, query: { subtreePath: place.path, ...period, today: todayInChina() } };
}

/**
 * GET /places/:id/department-statistics — each department of the place's subtree: referrals received in
 * the period, answered, overdue, and the median days from sent to answered.
 */
export async function readDepartmentStats(db: Db, actor: Actor, placeId: number, period: { from: string; to: string }) {
  const { place, query } = await statsQuery(db, actor, placeId, period);
  const [departments, figures] = await Promise.all([
    departmentsInSubtree(db, place.path),
    departmentFigureRows(db, query),
  ]);
  return {
    period,
    today: query.today,
    items: departments.map((d) => {
      const f = figures.find((x) => x.departmentId === d.id);
      return {
        department: { id: d.id, name: d.name, kind: d.kind, placeName: d.placeName },
        received: f?.received ?? 0,
        answered: f?.answered ?? 0,
        overdue: f?.overdue ?? 0,
        medianDays: f?.medianDays ?? null,
      };
    }),
  };
}

/** GET /places/:id/department-statistics/referrals — the referrals behind one department's figure. */
export async function readDepartmentBehind(
  db: Db,
  actor: Actor,
  placeId: number,
  input: { from: string; to: string; departmentId: number; figure: DepartmentFigure },
) {
  const { place, query } = await statsQuery(db, actor, placeId, input);
  const departments = await departmentsInSubtree(db, place.path);
  if (!departments.some((d) => d.id === input.departmentId)) throw missing('departmentId', 'department');
  const behind = await referralsBehind(db, { ...query, departmentId: input.departmentId, figure: input.figure });
  const rows = await referralRowsByIds(
    db,
    behind.map((b) => b.id),
  );
  return {
    items: rows.map((r) => ({
      ...presentReferralSummary(r, query.today),
      responseDays: behind.find((b) => b.id === r.referral.id)?.responseDays ?? null,
    })),
  };
}
