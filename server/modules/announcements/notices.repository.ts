import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { notices } from '../../db/schema';

export async function insertNotice(db: DbOrTx, values: typeof notices.$inferInsert) {
  const [row] = await db.insert(notices).values(values).returning();
  return row!;
}

/** A matter's notices, newest first. */
export async function noticesOfMatter(db: DbOrTx, matterId: number) {
  return db
    .select()
    .from(notices)
    .where(eq(notices.matterId, matterId))
    .orderBy(desc(notices.createdAt), desc(notices.id));
}

/** The matter's notice with this kind, title, body and period, if one was posted already. */
export async function findIdenticalNotice(
  db: DbOrTx,
  notice: { matterId: number; kind: string; title: string; body: string; startsOn: string; endsOn: string },
) {
  const [row] = await db
    .select({ id: notices.id })
    .from(notices)
    .where(
      and(
        eq(notices.matterId, notice.matterId),
        eq(notices.kind, notice.kind as typeof notices.$inferSelect.kind),
        eq(notices.title, notice.title),
        eq(notices.body, notice.body),
        eq(notices.startsOn, notice.startsOn),
        eq(notices.endsOn, notice.endsOn),
      ),
    )
    .limit(1);
  return row;
}
