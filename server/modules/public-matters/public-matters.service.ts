import { todayInChina } from '../../calendar';
import type { DbOrTx } from '../../db/client';
import { notFound } from '../../errors';
import { readLatestAnchor } from '../chain';
import { presentPublicAnchor } from './public-matters.anchor';
import { presentPublicChain, presentPublicMatter } from './public-matters.presenter';
import { findPublicMatter, readPublicRecord } from './public-matters.record';
import { clockNow } from '../../clock';

/** The record of a public, decided matter; anything else is 404 without saying whether it exists. */
async function publicRecord(db: DbOrTx, matterId: number) {
  const matter = await findPublicMatter(db, matterId);
  if (!matter) throw notFound('matter');
  return readPublicRecord(db, matter);
}

/** The public page of a matter, for anyone (no login). */
export async function readPublicMatter(db: DbOrTx, matterId: number) {
  const record = await publicRecord(db, matterId);
  return {
    ...presentPublicMatter(record, todayInChina()),
    anchor: presentPublicAnchor(await readLatestAnchor(db, matterId), record.chain),
  };
}

/** The public file: the page's data plus the chain's links (no payloads), so anyone can check the head. */
export async function readPublicFile(db: DbOrTx, matterId: number) {
  const record = await publicRecord(db, matterId);
  return {
    format: 'yishi.public-matter-file/1' as const,
    exportedAt: clockNow().toISOString(),
    ...presentPublicMatter(record, todayInChina()),
    anchor: presentPublicAnchor(await readLatestAnchor(db, matterId), record.chain),
    chainEntries: presentPublicChain(record),
  };
}
