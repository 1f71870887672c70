import { apiRequest } from '../../api/client';
import type { RosterKind, SheetFormat } from '../../../../domain/roster/columns';
import type { ImportMode, ImportReply, RosterLimits } from '../../../../contracts/roster';

/** A file picked for upload (an alias so .vue files need no DOM globals). */
export type RosterFile = File;

export { rosterKinds, type RosterKind } from '../../../../domain/roster/columns';
export type { ImportMode, RosterProblem } from '../../../../contracts/roster';
/** The report of a preview or commit (POST /api/roster/imports). */
export type RosterImportReport = ImportReply;

export function templateUrl(kind: RosterKind, format: SheetFormat): string {
  return `/api/roster/templates/${kind}.${format}`;
}

export function exportUrl(kind: RosterKind, placeId: number): string {
  return `/api/roster/export/${kind}.xlsx?placeId=${placeId}`;
}

export const rosterApi = {
  /** The server's caps on one import file (the picker's hint). */
  limits: () => apiRequest<RosterLimits>('/roster/limits'),
  /** `rows`: the file, or (for a commit) the preview the server kept of it, so the file is not sent again. */
  import: (
    placeId: number,
    kind: RosterKind,
    mode: ImportMode,
    rows: File | { previewId: string },
    acknowledgeWarnings = false,
  ) => {
    const form = new FormData();
    // Fields before the file: the server reads them while streaming the upload.
    form.append('placeId', String(placeId));
    form.append('kind', kind);
    form.append('mode', mode);
    form.append('acknowledgeWarnings', String(acknowledgeWarnings));
    if ('previewId' in rows) form.append('previewId', rows.previewId);
    else form.append('file', rows, rows.name);
    return apiRequest<RosterImportReport>('/roster/imports', { method: 'POST', body: form });
  },
};
