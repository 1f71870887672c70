import { todayInChina } from '../../calendar';
import type { DbOrTx } from '../../db/client';
import { notFound } from '../../errors';
import { placeOrNotFound } from '../places';
import { publicTextsOf } from '../publication';
import type { BulletinContent, PublicBulletin } from '../../../contracts/bulletins';
import type { FigureValue } from '../../../contracts/statistics';
import { previousMonth } from './bulletins.service';
import { clockNow } from '../../clock';
import { bulletinMonths, findBulletin, publicMatterTitles } from './bulletins.repository';

const isFigureValue = (v: unknown): v is FigureValue =>
  typeof v === 'object' && v !== null && 'value' in v && typeof (v as { n?: unknown }).n === 'number';

/**
 * The current titles of those matters that anyone may read (public visibility, outcome stands), redacted
 * by the city-wide redactor as the showcase redacts them, with the task texts of those matters; other matters are left out.
 */
async function publicTexts(db: DbOrTx, content: BulletinContent) {
  const named = [...content.overdueTasks, ...content.best, ...content.mostOverdue, ...(content.overdueReferrals ?? [])];
  const ids = [...new Set(named.map((m) => m.matterId))];
  const rows = ids.length ? await publicMatterTitles(db, ids) : [];
  const titles = new Map(rows.map((r) => [r.id, r.title]));
  const tasks = content.overdueTasks.map((t) => t.task);
  const { redact } = await publicTextsOf(db, [...titles.keys()], [...titles.values(), ...tasks]);
  return {
    /** `{ matterId, title }` of a public matter, both null for any other. */
    refOf: (matterId: number) => {
      const title = titles.get(matterId);
      return title === undefined ? { matterId: null, title: null } : { matterId, title: redact(matterId, title) };
    },
    taskOf: (matterId: number, task: string) => (titles.has(matterId) ? redact(matterId, task) : null),
  };
}

/** What the public may read of a stored bulletin: figures and places as stored, matters only if public. */
export function presentPublicBulletin(
  content: BulletinContent,
  generatedAt: Date,
  texts: Awaited<ReturnType<typeof publicTexts>>,
): PublicBulletin {
  return {
    place: content.place,
    month: content.month,
    period: content.period,
    asOf: content.asOf,
    generatedAt: generatedAt.toISOString(),
    // The headline figures only (daysInStage is a nested table the page does not show).
    figures: Object.fromEntries(Object.entries(content.figures).filter(([, v]) => isFigureValue(v))) as Record<
      string,
      FigureValue
    >,
    byPlace: content.byPlace,
    byGovernance: content.byGovernance ?? [],
    overdueTasks: content.overdueTasks.map((t) => ({
      ...texts.refOf(t.matterId),
      placeName: t.placeName,
      task: texts.taskOf(t.matterId, t.task),
      dueOn: t.dueOn,
      daysOverdue: t.daysOverdue,
    })),
    best: content.best.map((m) => ({
      ...texts.refOf(m.matterId),
      placeName: m.placeName,
      score: m.score,
      outcome: m.outcome,
    })),
    mostOverdue: content.mostOverdue.map((m) => ({
      ...texts.refOf(m.matterId),
      placeName: m.placeName,
      openTasks: m.openTasks,
      daysOverdue: m.daysOverdue,
    })),
    anchors: content.anchors ?? [],
    capacity: content.capacity ?? null,
    overdueReferrals: (content.overdueReferrals ?? []).map((r) => ({
      ...texts.refOf(r.matterId),
      placeName: r.placeName,
      department: r.department,
      dueOn: r.dueOn,
      daysOverdue: r.daysOverdue,
    })),
  };
}

/** 月度通报 for anyone (no login): 404 alike for an unknown place or a month with no bulletin. */
export async function readPublicBulletin(db: DbOrTx, placeId: number, month: string): Promise<PublicBulletin> {
  const row = await findBulletin(db, placeId, month);
  if (!row) throw notFound('bulletin');
  return publicViewOf(db, row.figures as BulletinContent, row.generatedAt);
}

/** What the public may read of a bulletin already read: the public route and the printed .docx both show this. */
export async function publicViewOf(db: DbOrTx, content: BulletinContent, generatedAt: Date): Promise<PublicBulletin> {
  return presentPublicBulletin(content, generatedAt, await publicTexts(db, content));
}

/** The months a place has a public bulletin for, newest first, and the current one (last month or later). */
export async function listPublicBulletins(db: DbOrTx, placeId: number, now = clockNow()) {
  await placeOrNotFound(db, placeId);
  const rows = (await bulletinMonths(db, placeId)).map((r) => ({ month: r.month }));
  const newest = rows[0]?.month;
  return {
    current: newest && newest >= previousMonth(todayInChina(now)) ? newest : null,
    items: rows,
  };
}

/** The web page a printed bulletin's QR code and the staff page's share link lead to. */
export const publicBulletinPath = (placeId: number, month: string) => `/public/places/${placeId}/bulletins/${month}`;
