import { formatRecord, rosterKindLabels, type RosterKind } from '../../../domain/roster';
import type { Db } from '../../db/client';
import { writeCsv, writeRosterFile, writeXlsx, type SheetFormat } from './roster.files';
import { recordExportRead, streamRecords, type StoredPlace } from './roster.repository';

export { importRoster, type ImportCommand, type ImportOutcome, type ImportSummary } from './roster.import';

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
