import {
  figureKeys,
  figureKind,
  type FigureKey,
  type Figures,
  type FigureValue,
  type Grouping,
} from '../../../domain/statistics';
import type { DbOrTx } from '../../db/client';
import { governanceGroups } from '../../../domain/governance/governances';
import { todayInChina } from '../../calendar';
import { notFound } from '../../errors';
import { listMattersBehind } from './statistics-behind.repository';
import { aggregateFigures, placeWithChildren, type FigureRow, type Scope } from './statistics.repository';

export type { Figures } from '../../../domain/statistics';
export type PeriodQuery = { placeId: number; from: string; to: string; today?: string };

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

function valueOf(kind: (typeof figureKind)[FigureKey], row: FigureRow | undefined): FigureValue {
  if (!row)
    return kind === 'count'
      ? { value: 0, n: 0 }
      : { value: null, n: 0, ...(kind === 'ratio' ? { num: 0, den: 0 } : {}) };
  switch (kind) {
    case 'count':
      return { value: row.num, n: row.n };
    case 'ratio':
      return { value: row.den ? round(row.num / row.den) : null, n: row.n, num: row.num, den: row.den };
    case 'mean':
      return { value: row.den ? round(row.num / row.den, 2) : null, n: row.n };
    case 'median':
      return { value: row.med === null ? null : round(row.med, 1), n: row.n };
  }
}

/** Folds the aggregate rows of one group into its figures. */
export function figuresOf(rows: FigureRow[]): Figures {
  const byKey = new Map(rows.map((r) => [r.fig, r]));
  const figures = Object.fromEntries(figureKeys.map((key) => [key, valueOf(figureKind[key], byKey.get(key))]));
  const daysInStage = Object.fromEntries(
    rows.filter((r) => r.fig === 'daysInStage').map((r) => [r.sub, valueOf('median', r)]),
  );
  return { ...(figures as Record<FigureKey, FigureValue>), daysInStage };
}

async function scopeOf(db: DbOrTx, q: PeriodQuery): Promise<Scope & { placeName: string }> {
  const found = await placeWithChildren(db, q.placeId);
  if (!found) throw notFound('place');
  return {
    path: found.place.path,
    from: q.from,
    to: q.to,
    today: q.today ?? todayInChina(),
    placeName: found.place.name,
  };
}

/**
 * 统计: the figures of a place's subtree for the period `[from, to)` in China days (see
 * domain/statistics for what each counts). The monthly bulletin and the dashboard both read this.
 * No access check: callers check `statistics.view` first.
 */
export async function figuresFor(db: DbOrTx, q: PeriodQuery): Promise<Figures> {
  const scope = await scopeOf(db, q);
  return figuresOf(await aggregateFigures(db, scope));
}

export type FigureGroup = { key: string; label: string; placeId?: number; figures: Figures };

/** Figures per group (month, child place, category, level or governance) and in total. */
export async function figuresByGroup(db: DbOrTx, q: PeriodQuery & { groupBy: Grouping }) {
  const found = await placeWithChildren(db, q.placeId);
  if (!found) throw notFound('place');
  const scope: Scope = { path: found.place.path, from: q.from, to: q.to, today: q.today ?? todayInChina() };
  const rows = await aggregateFigures(db, scope, q.groupBy);
  const keys = [...new Set(rows.filter((r) => r.g !== null).map((r) => r.g!))];
  if (q.groupBy === 'place') {
    for (const child of found.children) if (!keys.includes(String(child.id))) keys.push(String(child.id));
  }
  // Every governance shows, in the declared order, even when none of its matters fall in the period.
  if (q.groupBy === 'governance') keys.splice(0, keys.length, ...governanceGroups);
  const childName = new Map(found.children.map((c) => [String(c.id), c.name]));
  const groups: FigureGroup[] = keys
    .map((key) => ({
      key,
      label: q.groupBy === 'place' ? (childName.get(key) ?? found.place.name) : key,
      ...(q.groupBy === 'place' ? { placeId: key ? Number(key) : found.place.id } : {}),
      figures: figuresOf(rows.filter((r) => r.g === key)),
    }))
    .sort((a, b) => {
      if (q.groupBy === 'governance') return 0;
      return q.groupBy === 'month' ? a.key.localeCompare(b.key) : b.figures.raised.n - a.figures.raised.n;
    });
  return {
    place: { id: found.place.id, name: found.place.name, kind: found.place.kind },
    groupBy: q.groupBy,
    groups,
    totals: figuresOf(rows.filter((r) => r.g === null)),
  };
}

/** The matters behind one figure of `figuresFor` (one group of it when `groupBy`/`group` are given). */
export async function mattersBehind(
  db: DbOrTx,
  q: PeriodQuery & {
    figure: FigureKey | 'daysInStage';
    groupBy?: Grouping;
    group?: string;
    stage?: string;
    page?: number;
    size?: number;
  },
) {
  const scope = await scopeOf(db, q);
  const page = q.page ?? 1;
  const size = q.size ?? 50;
  const list = await listMattersBehind(db, scope, { ...q, page, size });
  return { place: { id: q.placeId, name: scope.placeName }, figure: q.figure, page, size, ...list };
}
