import type { DbOrTx } from '../../db/client';
import { isReadOnlyError } from '../../db/replica';
import { dirtyCutoff, factsVersion, lockFacts, rebuildFactsOf, takeDirtyMatters } from './statistics-facts.repository';

/**
 * The facts table (statistics_facts, see its schema) and how it is kept true. Triggers mark a matter
 * dirty whenever a row a figure reads changes; `refreshFacts` rebuilds the facts of the dirty matters
 * from `figureSource` itself, so the table can never define a figure differently from the drill-down.
 */

/** Matters rebuilt per transaction: a first read after a bulk import works through them in batches. */
const BATCH = 5_000;

/**
 * Rebuilds the facts of every matter marked dirty before the call, a batch per transaction, and
 * returns how many were rebuilt. Readers call it before they aggregate, so what they read includes
 * every change committed before they began (and a steady stream of later changes cannot keep them
 * waiting); the refresh job calls it every minute so readers rarely wait.
 */
export async function refreshFacts(db: DbOrTx): Promise<number> {
  const start = await dirtyCutoff(db);
  if (!start?.pending) return 0;
  let rebuilt = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      await lockFacts(tx);
      const ids = await takeDirtyMatters(tx, start.cutoff, BATCH);
      if (ids.length === 0) return 0;
      await rebuildFactsOf(tx, ids);
      return ids.length;
    });
    rebuilt += done;
    if (done < BATCH) return rebuilt;
  }
}

/**
 * Rebuilds the dirty matters' facts (`refreshFacts`) and returns the facts' version after it: what
 * views computed from the facts are kept under (statistics.view-cache). One round trip when nothing
 * is dirty. On a read replica (`deps.readDb`) the rebuild is the primary's: routes refresh there first
 * (`refreshFactsOnPrimary`), and what the replica has not yet replayed of it is read as it stands.
 */
export async function refreshedFactsVersion(db: DbOrTx): Promise<number> {
  const start = await dirtyCutoff(db);
  if (start && !start.pending) return Number(start.version);
  await refreshFacts(db).catch((error: unknown) => {
    if (!isReadOnlyError(error)) throw error;
  });
  return factsVersion(db);
}

/**
 * Before a route reads figures from the replica: the dirty matters' facts rebuilt on the primary, so
 * the replica holds them within its lag (nothing to do when reads already go to the primary).
 */
export async function refreshFactsOnPrimary(deps: { db: DbOrTx; readDb: DbOrTx }): Promise<void> {
  if (deps.readDb !== deps.db) await refreshFacts(deps.db);
}
