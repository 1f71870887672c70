import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { councils, places, rulesDocuments, rulesVersions, venues } from '../../db/schema';
import type { RulesDocumentOwner } from '../../../domain/territory/rules-documents';

/** The document of the standard, a council or a venue, with its owner's name; undefined when none. */
export async function findRulesDocument(db: DbOrTx, owner: RulesDocumentOwner, ownerId: number | null) {
  const where =
    owner === 'standard'
      ? eq(rulesDocuments.owner, 'standard')
      : owner === 'council'
        ? eq(rulesDocuments.councilId, ownerId!)
        : eq(rulesDocuments.venueId, ownerId!);
  const [row] = await db
    .select({
      id: rulesDocuments.id,
      owner: rulesDocuments.owner,
      councilId: rulesDocuments.councilId,
      venueId: rulesDocuments.venueId,
      councilName: councils.name,
      venueName: venues.name,
    })
    .from(rulesDocuments)
    .leftJoin(councils, eq(councils.id, rulesDocuments.councilId))
    .leftJoin(venues, eq(venues.id, rulesDocuments.venueId))
    .where(where);
  return row;
}

/** Every version of a document. */
export async function versionsOf(db: DbOrTx, documentId: number) {
  return db
    .select({
      id: rulesVersions.id,
      title: rulesVersions.title,
      body: rulesVersions.body,
      effectiveFrom: rulesVersions.effectiveFrom,
    })
    .from(rulesVersions)
    .where(eq(rulesVersions.documentId, documentId))
    .orderBy(desc(rulesVersions.effectiveFrom), desc(rulesVersions.id));
}

/** The document of an owner, created on first use (the unique keys make a racing second insert a no-op). */
export async function ensureRulesDocument(
  db: DbOrTx,
  values: { owner: RulesDocumentOwner; councilId?: number; venueId?: number; placePath: string },
) {
  await db.insert(rulesDocuments).values(values).onConflictDoNothing();
  const doc = await findRulesDocument(db, values.owner, values.councilId ?? values.venueId ?? null);
  return doc!.id;
}

export async function insertRulesVersion(db: DbOrTx, values: typeof rulesVersions.$inferInsert) {
  const [row] = await db.insert(rulesVersions).values(values).returning({ id: rulesVersions.id });
  return row!.id;
}

/** The city (the root place) the standard belongs to. */
export async function cityPath(db: DbOrTx) {
  const [row] = await db
    .select({ path: places.path })
    .from(places)
    .where(isNull(places.parentId))
    .orderBy(asc(places.id))
    .limit(1);
  return row?.path;
}

/** A council's place, for the access check on its rules. */
export async function councilPlace(db: DbOrTx, councilId: number) {
  const [row] = await db
    .select({ id: councils.id, placePath: councils.placePath })
    .from(councils)
    .where(eq(councils.id, councilId));
  return row;
}

/** Every council's and venue's document with its owner's name, place and current title on `today`. */
export async function listRulesDocuments(db: DbOrTx, today: string) {
  return db
    .select({
      id: rulesDocuments.id,
      owner: rulesDocuments.owner,
      ownerName: sql<string>`coalesce(${councils.name}, ${venues.name}, '')`,
      placeName: places.name,
      councilId: rulesDocuments.councilId,
      venueId: rulesDocuments.venueId,
      currentTitle: sql<string | null>`(
        select rv.title from ${rulesVersions} rv where rv.document_id = "rules_documents"."id"
          and rv.effective_from <= ${today}::date order by rv.effective_from desc, rv.id desc limit 1)`,
    })
    .from(rulesDocuments)
    .leftJoin(councils, eq(councils.id, rulesDocuments.councilId))
    .leftJoin(venues, eq(venues.id, rulesDocuments.venueId))
    .innerJoin(places, sql`${places.path} = ${rulesDocuments.placePath}`)
    .where(and(sql`${rulesDocuments.owner} <> 'standard'`))
    .orderBy(asc(rulesDocuments.placePath), asc(rulesDocuments.id))
    .limit(500);
}
