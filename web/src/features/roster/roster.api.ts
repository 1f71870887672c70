import { apiRequest } from '../../api/client';

/** A file picked for upload (an alias so .vue files need no DOM globals). */
export type RosterFile = File;

export const rosterKinds = ['places', 'dwellings', 'households', 'residents'] as const;
export type RosterKind = (typeof rosterKinds)[number];
export type ImportMode = 'validate' | 'commit' | 'commit_valid';

export type RosterProblem = { row: number; column: string; value: string | null; code: string; message: string };

export type RosterImportReport = {
  kind: RosterKind;
  fileName: string;
  rowCount: number;
  validCount: number;
  problems: RosterProblem[];
  /** Valid rows that look wrong: a commit writes them only when acknowledged. */
  warnings: RosterProblem[];
  committed: boolean;
  summary: { inserted: number; updated: number; unchanged: number; skipped: number } | null;
};

export function templateUrl(kind: RosterKind, format: 'xlsx' | 'csv'): string {
  return `/api/roster/templates/${kind}.${format}`;
}

export function exportUrl(kind: RosterKind, placeId: number): string {
  return `/api/roster/export/${kind}.xlsx?placeId=${placeId}`;
}

export const rosterApi = {
  import: (placeId: number, kind: RosterKind, mode: ImportMode, file: File, acknowledgeWarnings = false) => {
    const form = new FormData();
    // Fields before the file: the server reads them while streaming the upload.
    form.append('placeId', String(placeId));
    form.append('kind', kind);
    form.append('mode', mode);
    form.append('acknowledgeWarnings', String(acknowledgeWarnings));
    form.append('file', file, file.name);
    return apiRequest<RosterImportReport>('/roster/imports', { method: 'POST', body: form });
  },
};
