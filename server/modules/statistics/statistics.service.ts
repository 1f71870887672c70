import type { Actor } from '../../../domain/access';
import { periodProblem, type FigureKey, type Grouping } from '../../../domain/statistics';
import type { DbOrTx } from '../../db/client';
import { findPlace } from '../places';
import { todayInChina } from '../../calendar';
import { invalid } from '../../errors';
import { authorize } from '../../plugins/authorize';
import { figuresByGroup, mattersBehind } from './statistics.figures';
import { InFlight } from './statistics.in-flight';
import { MAX_ID } from '../../../contracts/common';

type Period = { placeId: number; from: string; to: string };

/** The period is valid and the actor may see the place's statistics; 404 for no such place. */
async function authorizeStatistics(db: DbOrTx, actor: Actor, q: Period) {
  const problem = periodProblem(q.from, q.to);
  if (problem) throw invalid(problem);
  const place = await findPlace(db, q.placeId);
  authorize(actor, 'statistics.view', place && { type: 'place', path: place.path }, { what: 'place' });
}

const views = new InFlight<Awaited<ReturnType<typeof figuresByGroup>>>();

export async function readStatistics(db: DbOrTx, actor: Actor, q: Period & { groupBy: Grouping }) {
  await authorizeStatistics(db, actor, q);
  const today = todayInChina();
  const view = { placeId: q.placeId, from: q.from, to: q.to, today, groupBy: q.groupBy };
  const result = await views.run(db, JSON.stringify(view), () => figuresByGroup(db, view));
  return { ...result, period: { from: q.from, to: q.to } };
}

export async function readBehind(
  db: DbOrTx,
  actor: Actor,
  q: Period & {
    figure: FigureKey | 'daysInStage';
    groupBy?: Grouping;
    group?: string;
    stage?: string;
    page: number;
    pageSize: number;
  },
) {
  await authorizeStatistics(db, actor, q);
  if (q.group !== undefined && !q.groupBy) throw invalid('groupBy');
  const { size, ...list } = await mattersBehind(db, { ...q, size: q.pageSize });
  return { ...list, pageSize: size, groupLabel: await groupLabel(db, q) };
}

/** The group in words: the child place's name by place (the place itself for ''), else the key. */
async function groupLabel(db: DbOrTx, q: Period & { groupBy?: Grouping; group?: string }): Promise<string | null> {
  if (q.group === undefined) return null;
  if (q.groupBy !== 'place') return q.group;
  const id = q.group === '' ? q.placeId : Number(q.group);
  // A group is free text in the URL: only an id in the table's range is looked up.
  if (!Number.isInteger(id) || id < 1 || id > MAX_ID) return q.group;
  const place = await findPlace(db, id);
  return place?.name ?? q.group;
}
