import { NameDirectory } from '../../../domain/publication/public-text';
import type { DbOrTx } from '../../db/client';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { directoryVersion, readDirectoryEntries } from './publication.repository';

type Cached = { version: number; directory: NameDirectory; queryMs: number; builtInMs: number };

/** One directory per database (tests run several), rebuilt when the name_directory_version row moves. */
const cache = new WeakMap<object, Cached>();
const building = new WeakMap<object, Promise<Cached>>();

/** Names read and added at a time; the event loop serves other requests between batches. */
const BATCH_NAMES = 20_000;

/**
 * The directory of every name the city knows, with its timings. The version is read BEFORE the names,
 * so the cached names are never older than the version they are kept under. Built batch by batch,
 * yielding between batches: a city's million names take seconds, which must not stop the requests
 * this thread serves meanwhile.
 */
async function build(db: DbOrTx, version: number): Promise<Cached> {
  const started = performance.now();
  const directory = new NameDirectory();
  let addingMs = 0;
  await readDirectoryEntries(db, BATCH_NAMES, async (entries) => {
    const adding = performance.now();
    directory.add(entries);
    addingMs += performance.now() - adding;
    await nextTurn();
  });
  const queryMs = Math.round(performance.now() - started - addingMs);
  return { version, directory, queryMs, builtInMs: Math.round(addingMs) };
}

/**
 * The city's name directory, built once per process and reused until a name or grant changes (one
 * one-row read per call). Concurrent callers share one build. With `mayBeStale` (public reads of short
 * texts, which must not wait for a rebuild of 100k names) a directory one change behind is returned
 * while the new one builds; confirming a text always waits for the current one.
 */
export async function cityDirectory(db: DbOrTx, { mayBeStale = false } = {}): Promise<NameDirectory> {
  const version = await directoryVersion(db);
  const cached = cache.get(db);
  if (cached?.version === version) return cached.directory;
  let pending = building.get(db);
  if (!pending) {
    pending = build(db, version)
      .then((built) => {
        if ((cache.get(db)?.version ?? -1) < built.version) cache.set(db, built);
        return built;
      })
      .finally(() => building.delete(db));
    building.set(db, pending);
  }
  if (mayBeStale && cached) {
    pending.catch(() => undefined);
    return cached.directory;
  }
  return (await pending).directory;
}

/** How the cached directory was built (names; milliseconds reading them and building the automaton). */
export function directoryStats(db: DbOrTx) {
  const cached = cache.get(db);
  return (
    cached && {
      names: cached.directory.size,
      queryMs: cached.queryMs,
      builtInMs: cached.builtInMs,
      version: cached.version,
    }
  );
}
