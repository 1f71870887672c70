import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { taskLifecycle } from '../../../domain/implementation/task-status';
import type { DbOrTx } from '../../db/client';
import { accounts, bulletins, evaluations, matters, places, tasks } from '../../db/schema';
import { isPublicDecided } from '../showcase';
import type { BulletinContent } from '../../../contracts/bulletins';

export type BulletinRow = typeof bulletins.$inferSelect;

/** Writes (or rewrites) the bulletin of a place for a month: one row per place and month. */
export async function upsertBulletinRow(
  db: DbOrTx,
  place: { id: number; path: string },
  month: string,
  figures: BulletinContent,
  generatedBy: number | null,
  generatedAt: Date,
): Promise<BulletinRow> {
  const [row] = await db
    .insert(bulletins)
    .values({ placeId: place.id, placePath: place.path, month, figures, generatedBy })
    .onConflictDoUpdate({
      target: [bulletins.placeId, bulletins.month],
      set: { figures, generatedBy, generatedAt, placePath: place.path },
    })
    .returning();
  return row!;
}

/** The bulletin of a place for a month with the name of who generated it (null for the monthly job). */
export async function findBulletinWithAuthor(db: DbOrTx, placeId: number, month: string) {
  const [row] = await db
    .select({ bulletin: bulletins, generatedBy: accounts.displayName })
    .from(bulletins)
    .leftJoin(accounts, eq(accounts.id, bulletins.generatedBy))
    .where(and(eq(bulletins.placeId, placeId), eq(bulletins.month, month)));
  return row;
}

export async function findBulletin(db: DbOrTx, placeId: number, month: string): Promise<BulletinRow | undefined> {
  const [row] = await db
    .select()
    .from(bulletins)
    .where(and(eq(bulletins.placeId, placeId), eq(bulletins.month, month)));
  return row;
}

/** The months a place has a bulletin for, newest first. */
export async function bulletinMonths(db: DbOrTx, placeId: number) {
  return db
    .select({ month: bulletins.month, generatedAt: bulletins.generatedAt })
    .from(bulletins)
    .where(eq(bulletins.placeId, placeId))
    .orderBy(desc(bulletins.month));
}

/** Places of these kinds with no bulletin for the month, root first. */
export async function placesWithoutBulletin(
  db: DbOrTx,
  kinds: readonly (typeof places.$inferSelect)['kind'][],
  month: string,
) {
  return db
    .select()
    .from(places)
    .where(
      and(
        inArray(places.kind, [...kinds]),
        sql`not exists (select 1 from ${bulletins} b where b.place_id = ${places.id} and b.month = ${month})`,
      ),
    )
    .orderBy(places.depth, places.id);
}

/** Id and title of those of the matters that anyone may read (public visibility, outcome stands). */
export async function publicMatterTitles(db: DbOrTx, matterIds: number[]) {
  return db
    .select({ id: matters.id, title: matters.title })
    .from(matters)
    .where(and(inArray(matters.id, matterIds), isPublicDecided('matters')));
}

/** The open tasks of these matters due in [from, before), with their matter's title and place. */
export async function openTasksDueBetween(db: DbOrTx, matterIds: number[], from: string, before: string) {
  return db
    .select({
      matterId: tasks.matterId,
      title: matters.title,
      placeName: places.name,
      task: tasks.title,
      ownerName: tasks.ownerName,
      dueOn: tasks.dueOn,
    })
    .from(tasks)
    .innerJoin(matters, eq(matters.id, tasks.matterId))
    .innerJoin(places, eq(places.id, matters.placeId))
    .where(
      and(
        inArray(tasks.matterId, matterIds),
        eq(tasks.status, taskLifecycle.state.open),
        gte(tasks.dueOn, from),
        lt(tasks.dueOn, before),
      ),
    )
    .orderBy(asc(tasks.dueOn), asc(tasks.id));
}

/** The best-scored evaluations of these matters, at most `limit`. */
export async function bestEvaluated(db: DbOrTx, matterIds: number[], limit: number) {
  return db
    .select({
      matterId: matters.id,
      title: matters.title,
      placeName: places.name,
      score: evaluations.score,
      outcome: evaluations.outcome,
    })
    .from(evaluations)
    .innerJoin(matters, eq(matters.id, evaluations.matterId))
    .innerJoin(places, eq(places.id, matters.placeId))
    .where(inArray(evaluations.matterId, matterIds))
    .orderBy(desc(evaluations.score), asc(matters.id))
    .limit(limit);
}
