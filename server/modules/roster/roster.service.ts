import type { ImportMode } from '../../../contracts/roster';
import {
  diffRecords,
  formatRecord,
  mapHeaders,
  referencedCodes,
  rosterKindLabels,
  toRowInputs,
  validateRows,
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
import { readSheet, writeCsv, writeRosterFile, writeXlsx, type ReadCaps, type SheetFormat } from './roster.files';
import {
  findDwellingRooms,
  findDwellings,
  findHouseholds,
  findPlaces,
  findResidents,
  loadRecords,
  recordExportRead,
  recordImport,
  streamRecords,
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
  upsertResidents,
} from './roster-upserts.repository';

export type ImportCommand = {
  accountId: number;
  /** The place the import is for; authorization on it is the caller's job. */
  scope: StoredPlace;
  kind: RosterKind;
  mode: ImportMode;
  fileName: string;
  buffer: Buffer;
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
  problems: RosterProblem[];
  /** Warnings on the rows a commit would write (valid rows only). */
  warnings: RosterWarning[];
  committed: boolean;
  summary: ImportSummary | null;
  /**
   * Why nothing was written although a commit was asked for: `problems` (mode `commit` and a row is
   * bad) or `warnings` (rows to write carry warnings the worker has not acknowledged). The caller answers 422.
   */
  refusal: 'problems' | 'warnings' | null;
};

type References = {
  places: Map<string, StoredPlace>;
  dwellings: Map<string, StoredDwelling>;
  households: Map<string, StoredRef>;
  residents: Map<string, StoredResident>;
};

/**
 * Imports one roster file: read → validate every row → (for the commit modes) upsert the valid records
 * in one transaction and log the run. `commit` writes only a flawless file; `commit_valid` skips bad rows.
 * Upserts key on code and write only what differs, so importing the same file twice changes nothing.
 */
export async function importRoster(db: Db, command: ImportCommand): Promise<ImportOutcome> {
  const inputs = await readRows(command);
  if (command.mode === 'validate') {
    const { validation } = await validateAgainstDatabase(db, command, inputs);
    return outcomeOf(command, validation, null);
  }
  try {
    return await db.transaction(async (tx) => {
      const { validation, refs } = await validateAgainstDatabase(tx, command, inputs);
      if (command.mode === 'commit' && validation.problems.length > 0) {
        return { ...outcomeOf(command, validation, null), refusal: 'problems' as const };
      }
      if (validation.warnings.length > 0 && !command.acknowledgeWarnings) {
        return { ...outcomeOf(command, validation, null), refusal: 'warnings' as const };
      }
      const written = await writeRecords(
        tx,
        command.kind,
        validation.rows.map((r) => r.record),
        refs,
      );
      const summary = { ...written, skipped: validation.rowCount - validation.rows.length };
      await recordImport(tx, {
        accountId: command.accountId,
        placeId: command.scope.id,
        kind: command.kind,
        fileName: command.fileName,
        rowCount: validation.rowCount,
        ...summary,
        warningsAcknowledged: validation.warnings.length,
      });
      return outcomeOf(command, validation, summary);
    });
  } catch (error) {
    throw asConflict(error);
  }
}

async function readRows(command: ImportCommand): Promise<RowInput[]> {
  const sheet = await readSheet(command.fileName, command.buffer, command.caps);
  const headers = mapHeaders(command.kind, sheet.headerCells);
  if (headers.missing.length > 0) {
    throw new AppError(400, 'roster.headers_missing', {
      field: 'file',
      params: { headers: headers.missing.join('、') },
    });
  }
  const inputs = toRowInputs(headers, sheet.rows);
  if (inputs.length === 0) throw invalid('file', 'roster.empty');
  return inputs;
}

/** Looks up every code the file mentions (one query per table) and validates the rows against them. */
async function validateAgainstDatabase(
  db: DbOrTx,
  command: ImportCommand,
  inputs: RowInput[],
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
  const validation = validateRows(command.kind, inputs, {
    today: command.today,
    scopePath: command.scope.path,
    ...refs,
    dwellingsByRoom,
  });
  return { validation, refs };
}

async function writeRecords(
  tx: DbOrTx,
  kind: RosterKind,
  records: RosterRecord[],
  refs: References,
): Promise<Omit<ImportSummary, 'skipped'>> {
  const stored = await loadRecords(tx, kind, { codes: records.map((r) => r.code) });
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
    await upsertResidents(tx, changed as RosterRecordOf['residents'][], refs);
  }
  return { inserted: diff.inserts.length, updated: diff.updates.length, unchanged: diff.unchanged };
}

function outcomeOf(
  command: ImportCommand,
  validation: RosterValidation<RosterKind>,
  summary: ImportSummary | null,
): ImportOutcome {
  return {
    kind: command.kind,
    fileName: command.fileName,
    rowCount: validation.rowCount,
    validCount: validation.rows.length,
    problems: validation.problems,
    warnings: validation.warnings,
    committed: summary !== null,
    summary,
    refusal: null,
  };
}

/** Two imports racing for one code or room surface as a 409, not a 500. */
function asConflict(error: unknown): unknown {
  const pg =
    (error as { cause?: { code?: string; constraint?: string } }).cause ??
    (error as { code?: string; constraint?: string });
  if (pg?.code === '23505') return new AppError(409, 'conflict', { params: { detail: pg.constraint ?? '' } });
  return error;
}

export type RosterFile = { body: Buffer; fileName: string; asciiName: string };
export type RosterFileNames = { fileName: string; asciiName: string };

const exportNames = (scope: StoredPlace, kind: RosterKind, format: SheetFormat): RosterFileNames => ({
  fileName: `${rosterKindLabels[kind]}名册-${scope.name}.${format}`,
  asciiName: `roster-${kind}-${scope.code}.${format}`,
});

/**
 * Writes the subtree's rows to `filePath` in the template's columns, so a re-import reports every row
 * unchanged: read from the database a page at a time and written as they come. Logged (PIPL).
 */
export async function exportRoster(
  db: Db,
  command: { accountId: number; scope: StoredPlace; kind: RosterKind; format: SheetFormat; filePath: string },
): Promise<RosterFileNames> {
  const { scope, kind, format } = command;
  async function* rows() {
    for await (const page of streamRecords(db, kind, scope.path)) yield page.map((r) => formatRecord(kind, r));
  }
  await writeRosterFile(command.filePath, kind, format, rows());
  await recordExportRead(db, command.accountId, scope.id);
  return exportNames(scope, kind, format);
}

/** An empty file with the kind's headers; the .xlsx adds the 说明 sheet. */
export async function buildTemplate(kind: RosterKind, format: SheetFormat): Promise<RosterFile> {
  return {
    body: format === 'xlsx' ? await writeXlsx(kind, [], true) : writeCsv(kind, []),
    fileName: `${rosterKindLabels[kind]}导入模板.${format}`,
    asciiName: `roster-${kind}-template.${format}`,
  };
}
