import { ref, shallowRef } from 'vue';
import { ApiError } from '../../api/client';
import { rosterApi, type ImportMode, type RosterImportReport, type RosterFile, type RosterKind } from './roster.api';

function isReport(value: unknown): value is RosterImportReport {
  return typeof value === 'object' && value !== null && 'problems' in value && 'rowCount' in value;
}

/** One import session: validate a file, then commit it (all rows, or only the valid ones). */
export function useRosterImport(placeId: () => number) {
  const kind = ref<RosterKind>('residents');
  const file = shallowRef<RosterFile | null>(null);
  const report = shallowRef<RosterImportReport | null>(null);
  const error = ref('');
  const isBusy = ref(false);
  /** The mode of the request under way (which button spins), null when none is. */
  const busyMode = ref<ImportMode | null>(null);

  function resetResult(): void {
    report.value = null;
    error.value = '';
  }

  /**
   * `acknowledgeWarnings`: the worker has seen the preview's warnings and imports those rows anyway.
   * A commit without a preview (the one-step import of a large file) writes only a flawless file; a
   * refused one leaves its report on screen, and the next commit sends the file again.
   */
  async function run(mode: ImportMode, acknowledgeWarnings = false): Promise<void> {
    if (!file.value) return;
    error.value = '';
    isBusy.value = true;
    busyMode.value = mode;
    try {
      report.value = await importRows(mode, file.value, acknowledgeWarnings);
    } catch (e) {
      // A refused commit carries the same report, so the problems stay on screen.
      if (e instanceof ApiError && isReport(e.details)) report.value = e.details;
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      isBusy.value = false;
      busyMode.value = null;
    }
  }

  /**
   * A commit names the preview the server kept instead of sending the file again; when that preview is
   * gone (an hour later, or another server) the file is sent after all.
   */
  async function importRows(mode: ImportMode, picked: RosterFile, acknowledgeWarnings: boolean) {
    const previewId = mode === 'validate' ? null : (report.value?.previewId ?? null);
    if (previewId) {
      try {
        return await rosterApi.import(placeId(), kind.value, mode, { previewId }, acknowledgeWarnings);
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 'roster.preview_gone')) throw e;
      }
    }
    return rosterApi.import(placeId(), kind.value, mode, picked, acknowledgeWarnings);
  }

  return { kind, file, report, error, isBusy, busyMode, resetResult, run };
}
