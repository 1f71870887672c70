import type { Actor } from '../../../domain/access';
import type { Db } from '../../db/client';
import { notFound } from '../../errors';
import { servableFile } from '../../images';
import type { FileStorage } from '../../storage';
import { loadVisibleMatter } from '../matters';
import { findMatterFile } from './implementation.repository';

/** A stored photo or scan of a matter, for whoever may see the matter (others: 404). */
export async function readMatterFile(db: Db, storage: FileStorage, actor: Actor, fileId: number) {
  const file = await findMatterFile(db, fileId);
  if (!file) throw notFound('file');
  await loadVisibleMatter(db, actor, file.matterId);
  const bytes = await storage.read(file.storageKey);
  return { contentType: file.contentType, bytes: await servableFile({ contentType: file.contentType, bytes }) };
}
