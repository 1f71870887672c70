import { desc, eq } from 'drizzle-orm';
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
