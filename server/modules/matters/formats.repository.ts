import { and, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { matterFormats } from '../../db/schema';

export type MatterFormatRow = typeof matterFormats.$inferSelect;
type FormatValues = Pick<
  typeof matterFormats.$inferInsert,
  'name' | 'description' | 'inviteeGroups' | 'councilKinds' | 'meetingMode' | 'ballotRule'
>;

export async function findFormat(db: DbOrTx, formatId: number): Promise<MatterFormatRow | undefined> {
  const [format] = await db.select().from(matterFormats).where(eq(matterFormats.id, formatId));
  return format;
}

/** The format locked until the transaction ends (edits of one format queue behind each other). */
export async function lockFormat(tx: DbOrTx, formatId: number): Promise<MatterFormatRow | undefined> {
  const [format] = await tx.select().from(matterFormats).where(eq(matterFormats.id, formatId)).for('update');
  return format;
}

/** Creates the formats of a community that it does not have yet (by name). */
export async function insertMissingFormats(db: DbOrTx, rows: (typeof matterFormats.$inferInsert)[]): Promise<void> {
  await db.insert(matterFormats).values(rows).onConflictDoNothing();
}

/** Inserts a format; undefined when the community already has one of that name. */
export async function insertFormat(
  db: DbOrTx,
  values: typeof matterFormats.$inferInsert,
): Promise<MatterFormatRow | undefined> {
  const [row] = await db.insert(matterFormats).values(values).onConflictDoNothing().returning();
  return row;
}

/** Rewrites a format's fields (the caller holds its lock). */
export async function updateFormat(db: DbOrTx, formatId: number, values: FormatValues): Promise<MatterFormatRow> {
  const [row] = await db.update(matterFormats).set(values).where(eq(matterFormats.id, formatId)).returning();
  return row!;
}

/** Whether another format of the place already has this name. */
export async function isFormatNameTaken(db: DbOrTx, placeId: number, name: string, exceptId: number) {
  const [row] = await db
    .select({ id: matterFormats.id })
    .from(matterFormats)
    .where(and(eq(matterFormats.placeId, placeId), eq(matterFormats.name, name), ne(matterFormats.id, exceptId)));
  return row !== undefined;
}

export async function formatsOfPlace(db: DbOrTx, placeId: number): Promise<MatterFormatRow[]> {
  return db.select().from(matterFormats).where(eq(matterFormats.placeId, placeId)).orderBy(matterFormats.id);
}
