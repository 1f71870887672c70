import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { demonstrationEvidenceFiles as files } from '../../db/schema';

export async function insertEvidenceFile(db: DbOrTx, values: typeof files.$inferInsert) {
  const [row] = await db.insert(files).values(values).returning({ id: files.id });
  return row!.id;
}

/** An application's evidence files (no bytes), oldest first. */
export async function evidenceFilesOf(db: DbOrTx, applicationId: number) {
  return db
    .select({ id: files.id, criterionKey: files.criterionKey, fileName: files.fileName })
    .from(files)
    .where(eq(files.applicationId, applicationId))
    .orderBy(asc(files.id));
}

/** One evidence file with where its bytes are and which application it belongs to. */
export async function evidenceFileById(db: DbOrTx, id: number) {
  const [row] = await db
    .select({
      id: files.id,
      applicationId: files.applicationId,
      storageKey: files.storageKey,
      contentType: files.contentType,
    })
    .from(files)
    .where(eq(files.id, id));
  return row;
}

/** Removes one evidence file of the application; false when it is not one of its files. */
export async function deleteEvidenceFile(db: DbOrTx, applicationId: number, id: number) {
  const rows = await db
    .delete(files)
    .where(and(eq(files.id, id), eq(files.applicationId, applicationId)))
    .returning({ id: files.id });
  return rows.length > 0;
}
