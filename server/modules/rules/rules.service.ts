import type { RulesDocumentOwner } from '../../../domain/territory/rules-documents';
import type { Actor } from '../../../domain/access';
import { todayInChina } from '../../calendar';
import type { Db, DbOrTx } from '../../db/client';
import { readTogether } from '../../db/together';
import { notFound } from '../../errors';
import { authorize } from '../../plugins/authorize';
import type { RulesVersionBody } from '../../../contracts/rules';
import { councilAccess, councilSubject } from '../councils';
import { presentRulesDocument } from './rules.presenter';
import {
  cityPath,
  councilPlace,
  ensureRulesDocument,
  findRulesDocument,
  insertRulesVersion,
  listRulesDocuments,
  versionsOf,
} from './rules.repository';

/** The standard's name as the documents list shows it (its versions carry their own titles). */
export const STANDARD_NAME = '城乡社区议事协商规范';

/** A document with its versions, or undefined when the owner has none yet. */
async function documentOf(db: DbOrTx, owner: RulesDocumentOwner, ownerId: number | null) {
  const doc = await findRulesDocument(db, owner, ownerId);
  if (!doc) return undefined;
  return presentRulesDocument(doc, await versionsOf(db, doc.id), todayInChina(), STANDARD_NAME);
}

/** The public rules of an owner; 404 when it has none. */
export async function readRulesDocument(db: Db, owner: RulesDocumentOwner, ownerId: number | null) {
  const doc = await documentOf(db, owner, ownerId);
  if (!doc) throw notFound('rules');
  return doc;
}

/** /standard: the standard with its versions, and every council's and venue's rules to link to. */
export async function readStandardPage(db: Db) {
  const [standard, documents] = await readTogether(db, [
    () => documentOf(db, 'standard', null),
    () => listRulesDocuments(db, todayInChina()),
  ]);
  return {
    standard: standard ?? null,
    documents: documents.map((d) => ({
      id: d.councilId ?? d.venueId ?? d.id,
      owner: d.owner,
      ownerName: d.ownerName,
      placeName: d.placeName,
      currentTitle: d.currentTitle,
    })),
  };
}

/**
 * Adds a version to an owner's rules (the document is made on first use), inside the caller's
 * transaction. Old versions stay; the current one is the latest effective.
 */
export async function addRulesVersion(
  tx: DbOrTx,
  actor: Actor | null,
  owner: { owner: RulesDocumentOwner; councilId?: number; venueId?: number; placePath: string },
  body: RulesVersionBody,
) {
  const documentId = await ensureRulesDocument(tx, owner);
  const versionId = await insertRulesVersion(tx, { documentId, ...body, createdBy: actor?.accountId ?? null });
  return { documentId, versionId };
}

/** A new version of the county standard: city officers (the standard belongs to the city). */
export async function addStandardVersion(db: Db, actor: Actor, body: RulesVersionBody) {
  return db.transaction(async (tx) => {
    const path = await cityPath(tx);
    authorize(actor, 'rules.manageStandard', path ? { type: 'place', path } : undefined, { what: 'place' });
    return addRulesVersion(tx, actor, { owner: 'standard', placePath: path! }, body);
  });
}

/** A new version of a council's rules: staff who manage the council. */
export async function addCouncilRulesVersion(db: Db, actor: Actor, councilId: number, body: RulesVersionBody) {
  return db.transaction(async (tx) => {
    const council = await councilPlace(tx, councilId);
    authorize(actor, 'council.manage', council && councilSubject(council.placePath), councilAccess);
    return addRulesVersion(tx, actor, { owner: 'council', councilId, placePath: council!.placePath }, body);
  });
}
