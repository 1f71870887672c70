import fs from 'node:fs';
import type { ImportMode } from '../../../contracts/roster';
import {
  diffRecords,
  mapHeaders,
  newFileSeen,
  referencedCodes,
  validateRows,
  type FileSeen,
  type HeaderMap,
  type RosterKind,
  type RosterProblem,
  type RosterRecord,
  type RosterRecordOf,
  type RosterValidation,
  type RosterWarning,
  type RowInput,
} from '../../../domain/roster';
import type { Db, DbOrTx } from '../../db/client';
import { AppError, invalid } from '../../errors';
import { maySkipRowChecks } from './roster-parents.repository';
import { keepPreview, openPreview } from './roster.preview';
import { openSheet, type ReadCaps, type SheetSource, type SheetStream } from './roster.reader';
import { chunksOf, readAhead } from './roster.stream';
import {
  findDwellingRooms,
  findDwellings,
  findHouseholds,
  findPlaces,
  findResidents,
  loadRecords,
  recordImport,
  type StoredDwelling,
  type StoredPlace,
  type StoredRef,
  type StoredResident,
} from './roster.repository';
import {
  insertPlaces,
  updatePlaces,
  upsertDwellings,
  upsertHouseholds,
  writeResidents,
} from './roster-upserts.repository';

export type ImportCommand = {
  accountId: number;
  /** The place the import is for; authorization on it is the caller's job. */
  scope: StoredPlace;
  kind: RosterKind;
  mode: ImportMode;
  fileName: string;
  /**
   * The uploaded file: on disk (the route streams uploads there) or in memory (benches, tests); or, for
   * a commit, the lines a preview kept (roster.preview.ts), read back instead of the file.
   */
  source: SheetSource | { previewPath: string };
  /** A preview (mode `validate`) keeps the lines it reads here, for its commit. */
  keepAs?: string;
  /** Today in China, YYYY-MM-DD. */
  today: string;
  /** The worker saw the preview's warnings and writes those rows anyway (recorded with the run). */
  acknowledgeWarnings: boolean;
  caps: ReadCaps;
};

export type ImportSummary = { inserted: number; updated: number; unchanged: number; skipped: number };
export type ImportOutcome = {
  kind: RosterKind;
  fileName: string;
  rowCount: number;
  validCount: number;
  /** The first problems in row order (at most MAX_KEPT_NOTES); `problemCount` counts them all. */
  problems: RosterProblem[];
  problemCount: number;
  /** Warnings on the rows a commit would write (valid rows only), kept and counted like problems. */
  warnings: RosterWarning[];
  warningCount: number;
  committed: boolean;
  summary: ImportSummary | null;
  /**
   * Why nothing was written although a commit was asked for: `problems` (mode `commit` and a row is
   * bad) or `warnings` (rows to write carry warnings the worker has not acknowledged). The caller answers 422.
   */
  refusal: 'problems' | 'warnings' | null;
};

/** Rows validated (and written) together: a city's file is read, checked and upserted this many at a time. */
export const CHUNK_ROWS = 2_500;
/** Problems and warnings kept for the report (the reply lists 1,000); the counts stay exact. */
export const MAX_KEPT_NOTES = 1_000;

type References = {
  places: Map<string, StoredPlace>;
  dwellings: Map<string, StoredDwelling>;
  households: Map<string, StoredRef>;
  residents: Map<string, StoredResident>;
};

/** Thrown inside the import's transaction to roll it back when the file turns out to be refused. */
class Refused extends Error {
  constructor(readonly outcome: ImportOutcome) {
    super('roster import refused');
  }
}

/**
 * Imports one roster file, streamed: rows are read, validated against the database and (for the commit
 * modes) upserted CHUNK_ROWS at a time, so memory stays bounded for a city's million residents. What the
 * file says across chunks (repeated codes and rooms) is carried along (`FileSeen`). A places file is
 * taken in one piece: its rows may name parents further down the file.
 *
 * A commit is one transaction: chunks are written as they pass, and when the file is refused at the
 * end (mode `commit` and a bad row, or warnings not acknowledged) the transaction is rolled back, so a
 * refused file writes nothing; a worker stopped mid-way (time cap) loses its connection and the same.
 * Once a refusal is certain no more chunks are written, but every row is still checked for the report.
 * `commit` writes only a flawless file; `commit_valid` skips bad rows. Upserts key on code and write
 * only what differs, so importing the same file twice changes nothing.
 *
 * A commit is a two-stage pipeline on two connections: while the transaction writes one chunk, the
 * next is read, looked up (on the pool's other connection, outside the transaction) and validated, so
 * the file's parsing, the look-ups and the writes run at once instead of one after the other. Looking
 * up outside the transaction is sound because no row of a file depends on what the same file writes:
 * a code or room repeated in the file is caught by `FileSeen`, not by the database, and a code another
 * import commits meanwhile still fails the transaction's insert (a 409), as before.
 */
export async function importRoster(db: Db, command: ImportCommand): Promise<ImportOutcome> {
  const { source } = command;
  if ('previewPath' in source) {
    const kept = await openPreview(source.previewPath);
    return importSheet(db, { ...command, fileName: kept.fileName }, kept.sheet);
  }
  const sheet = await openSheet(command.fileName, source, command.caps);
  if (command.mode !== 'validate' || !command.keepAs) return importSheet(db, command, sheet);
  try {
    return await importSheet(db, command, keepPreview(sheet, command.fileName, command.keepAs));
  } catch (error) {
    await fs.promises.rm(command.keepAs, { force: true });
    throw error;
  }
}

async function importSheet(db: Db, command: ImportCommand, sheet: SheetStream): Promise<ImportOutcome> {
  const headers = mapHeaders(command.kind, sheet.headerCells);
  if (headers.missing.length > 0) {
    throw new AppError(400, 'roster.headers_missing', {
      field: 'file',
      params: { headers: headers.missing.join('、') },
    });
  }
  if (command.mode === 'validate') return importChunks(db, null, command, headers, sheet);
  const skipRowChecks = await maySkipRowChecks(db);
  try {
    return await db.transaction(async (tx) => {
      const outcome = await importChunks(db, { tx, skipRowChecks }, command, headers, sheet);
      if (outcome.refusal) throw new Refused(outcome);
      return outcome;
    });
  } catch (error) {
    if (error instanceof Refused) return error.outcome;
    throw asConflict(error);
  }
}

/**
 * `lookups` reads what rows refer to; `writer`, the commit's transaction, writes (none for a preview),
 * with the per-row foreign-key checks off when the role may (roster-parents.repository.ts).
 */
async function importChunks(
  lookups: DbOrTx,
  writer: { tx: DbOrTx; skipRowChecks: boolean } | null,
  command: ImportCommand,
  headers: HeaderMap,
  sheet: SheetStream,
): Promise<ImportOutcome> {
  const seen = newFileSeen();
  const outcome: ImportOutcome = {
    kind: command.kind,
    fileName: command.fileName,
    rowCount: 0,
    validCount: 0,
    problems: [],
    problemCount: 0,
    warnings: [],
    warningCount: 0,
    committed: false,
    summary: null,
    refusal: null,
  };
  const written = { inserted: 0, updated: 0, unchanged: 0 };
  const refusalSoFar = () =>
    command.mode === 'commit' && outcome.problemCount > 0
      ? ('problems' as const)
      : outcome.warningCount > 0 && !command.acknowledgeWarnings
        ? ('warnings' as const)
        : null;
  const chunkRows = command.kind === 'places' ? Number.POSITIVE_INFINITY : CHUNK_ROWS;
  // The chunk being written while the next is validated; one at a time, in file order.
  let writing: Promise<void> = Promise.resolve();
  const write = async (to: NonNullable<typeof writer>, records: RosterRecord[], refs: References) => {
    const counts = await writeRecords(to.tx, command.kind, records, refs, to.skipRowChecks);
    written.inserted += counts.inserted;
    written.updated += counts.updated;
    written.unchanged += counts.unchanged;
  };
  try {
    for await (const inputs of readAhead(chunksOf(headers, sheet, chunkRows))) {
      const { validation, refs } = await validateAgainstDatabase(lookups, command, inputs, seen);
      outcome.rowCount += validation.rowCount;
      outcome.validCount += validation.rows.length;
      outcome.problemCount += validation.problems.length;
      outcome.warningCount += validation.warnings.length;
      keep(outcome.problems, validation.problems);
      keep(outcome.warnings, validation.warnings);
      await writing;
      if (!writer || refusalSoFar() !== null) continue;
      writing = write(
        writer,
        validation.rows.map((r) => r.record),
        refs,
      );
      // A failed write surfaces when it is awaited (next chunk or the end), not as an unhandled rejection.
      writing.catch(() => undefined);
    }
    await writing;
  } finally {
    // Never leave a write running on the transaction's connection when the loop fails.
    await writing.catch(() => undefined);
  }
  if (outcome.rowCount === 0) throw invalid('file', 'roster.empty');
  if (!writer) return outcome;
  outcome.refusal = refusalSoFar();
  if (outcome.refusal) return outcome;
  const summary = { ...written, skipped: outcome.rowCount - outcome.validCount };
  await recordImport(writer.tx, {
    accountId: command.accountId,
    placeId: command.scope.id,
    kind: command.kind,
    fileName: command.fileName,
    rowCount: outcome.rowCount,
    ...summary,
    warningsAcknowledged: outcome.warningCount,
  });
  return { ...outcome, committed: true, summary };
}

function keep<T>(kept: T[], more: readonly T[]): void {
  for (const note of more) {
    if (kept.length >= MAX_KEPT_NOTES) return;
    kept.push(note);
  }
}

/** Looks up every code the rows mention (one query per table) and validates the rows against them. */
async function validateAgainstDatabase(
  db: DbOrTx,
  command: ImportCommand,
  inputs: RowInput[],
  seen: FileSeen,
): Promise<{ validation: RosterValidation<RosterKind>; refs: References }> {
  const codes = referencedCodes(command.kind, inputs);
  const dwellings = await findDwellings(db, [...codes.dwellings]);
  // A resident row may leave its place blank: it is then the dwelling's, which must be known to write it.
  for (const dwelling of dwellings.values()) codes.places.add(dwelling.placeCode);
  const refs: References = {
    places: await findPlaces(db, [...codes.places]),
    dwellings,
    households: await findHouseholds(db, [...codes.households]),
    residents: await findResidents(db, [...codes.residents]),
  };
  const dwellingsByRoom =
    command.kind === 'dwellings' ? await findDwellingRooms(db, [...codes.places]) : new Map<string, string>();
  const validation = validateRows(
    command.kind,
    inputs,
    { today: command.today, scopePath: command.scope.path, ...refs, dwellingsByRoom },
    seen,
  );
  return { validation, refs };
}

async function writeRecords(
  tx: DbOrTx,
  kind: RosterKind,
  records: RosterRecord[],
  refs: References,
  skipRowChecks: boolean,
): Promise<Omit<ImportSummary, 'skipped'>> {
  if (records.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  // Validation looked every row's own code up (in this transaction): only those found are loaded to compare.
  const found: ReadonlyMap<string, unknown> = refs[kind];
  const codes = records.filter((r) => found.has(r.code)).map((r) => r.code);
  const stored = await loadRecords(tx, kind, { codes });
  const diff = diffRecords(records, stored as ReadonlyMap<string, RosterRecord>);
  const changed = [...diff.inserts, ...diff.updates];
  if (kind === 'places') {
    await insertPlaces(tx, diff.inserts as RosterRecordOf['places'][], refs.places);
    await updatePlaces(tx, diff.updates as RosterRecordOf['places'][]);
  } else if (kind === 'dwellings') {
    await upsertDwellings(tx, changed as RosterRecordOf['dwellings'][], refs.places);
  } else if (kind === 'households') {
    await upsertHouseholds(tx, changed as RosterRecordOf['households'][], refs.places, refs.dwellings);
  } else {
    await writeResidents(
      tx,
      {
        inserts: diff.inserts as RosterRecordOf['residents'][],
        updates: diff.updates as RosterRecordOf['residents'][],
      },
      refs,
      skipRowChecks,
    );
  }
  return { inserted: diff.inserts.length, updated: diff.updates.length, unchanged: diff.unchanged };
}

/**
 * Two imports racing for one code or room, or a parent deleted since the import looked it up (the
 * foreign-key check's 23503), surface as a 409, not a 500.
 */
function asConflict(error: unknown): unknown {
  const pg =
    (error as { cause?: { code?: string; constraint?: string } }).cause ??
    (error as { code?: string; constraint?: string });
  if (pg?.code === '23505' || pg?.code === '23503')
    return new AppError(409, 'conflict', { params: { detail: pg.constraint ?? '' } });
  return error;
}
