import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import { rosterApi, type RosterImportReport } from './roster.api';
import { useRosterImport } from './use-roster-import';

const PREVIEW_ID = '6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f';

function reply(overrides: Partial<RosterImportReport> = {}): RosterImportReport {
  return {
    kind: 'residents',
    fileName: '居民名册.csv',
    rowCount: 2,
    validCount: 2,
    problems: [],
    warnings: [],
    committed: false,
    summary: null,
    previewId: PREVIEW_ID,
    ...overrides,
  };
}
const committed = reply({
  committed: true,
  previewId: null,
  summary: { inserted: 2, updated: 0, unchanged: 0, skipped: 0 },
});

function session() {
  const importer = useRosterImport(() => 7);
  importer.file.value = new File(['居民编号,姓名\n'], '居民名册.csv', { type: 'text/csv' });
  return importer;
}

describe('useRosterImport', () => {
  it('previews with the file, then commits by naming the kept preview instead of sending the file again', async () => {
    const calls = vi.spyOn(rosterApi, 'import').mockResolvedValueOnce(reply()).mockResolvedValueOnce(committed);
    const importer = session();
    await importer.run('validate');
    await importer.run('commit', true);
    expect(calls.mock.calls.map((call) => [call[2], call[3] instanceof File ? 'file' : call[3], call[4]])).toEqual([
      ['validate', 'file', false],
      ['commit', { previewId: PREVIEW_ID }, true],
    ]);
    expect(importer.report.value).toEqual(committed);
    calls.mockRestore();
  });

  it('sends the file after all when the kept preview is gone', async () => {
    const gone = new ApiError(404, { code: 'roster.preview_gone', message: '校验结果已失效', field: 'previewId' });
    const calls = vi
      .spyOn(rosterApi, 'import')
      .mockResolvedValueOnce(reply())
      .mockRejectedValueOnce(gone)
      .mockResolvedValueOnce(committed);
    const importer = session();
    await importer.run('validate');
    await importer.run('commit_valid');
    expect(calls.mock.calls.map((call) => [call[2], call[3] instanceof File ? 'file' : call[3]])).toEqual([
      ['validate', 'file'],
      ['commit_valid', { previewId: PREVIEW_ID }],
      ['commit_valid', 'file'],
    ]);
    expect(importer.error.value).toBe('');
    expect(importer.report.value).toEqual(committed);
    calls.mockRestore();
  });

  it('shows any other refusal of a kept preview, with its report, and does not send the file', async () => {
    const refusedReport = reply({
      validCount: 1,
      problems: [{ row: 3, column: '出生日期', value: 'x', code: 'roster.date', message: '日期格式' }],
    });
    const refused = new ApiError(422, {
      code: 'roster.file_invalid',
      message: '文件有 1 处错误',
      details: refusedReport,
    });
    const calls = vi.spyOn(rosterApi, 'import').mockResolvedValueOnce(reply()).mockRejectedValueOnce(refused);
    const importer = session();
    await importer.run('validate');
    await importer.run('commit');
    expect(calls).toHaveBeenCalledTimes(2);
    expect(importer.error.value).toBe('文件有 1 处错误');
    expect(importer.report.value).toEqual(refusedReport);
    calls.mockRestore();
  });

  it('imports in one step with the file; a refused one keeps its report and the next commit sends the file again', async () => {
    const refusedReport = reply({
      validCount: 1,
      previewId: null,
      problems: [{ row: 3, column: '出生日期', value: 'x', code: 'roster.date', message: '日期格式' }],
    });
    const refused = new ApiError(422, {
      code: 'roster.file_invalid',
      message: '文件有 1 处错误，未导入任何数据',
      details: refusedReport,
    });
    const calls = vi.spyOn(rosterApi, 'import').mockRejectedValueOnce(refused).mockResolvedValueOnce(committed);
    const importer = session();
    const running = importer.run('commit');
    expect([importer.isBusy.value, importer.busyMode.value]).toEqual([true, 'commit']);
    await running;
    expect([importer.isBusy.value, importer.busyMode.value]).toEqual([false, null]);
    expect(importer.error.value).toBe('文件有 1 处错误，未导入任何数据');
    expect(importer.report.value).toEqual(refusedReport);
    await importer.run('commit_valid');
    expect(calls.mock.calls.map((call) => [call[2], call[3] instanceof File ? 'file' : call[3]])).toEqual([
      ['commit', 'file'],
      ['commit_valid', 'file'],
    ]);
    expect(importer.report.value).toEqual(committed);
    calls.mockRestore();
  });
});
