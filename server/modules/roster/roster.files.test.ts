// roster.files first: it puts ExcelJS's streaming UTF-8 fix in place before exceljs loads.
import { readSheet, writeRosterFile } from './roster.files';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rosterColumns } from '../../../domain/roster';

const caps = { maxRows: 200_000, maxUnzippedBytes: 256 * 2 ** 20 };
const names = ['欧阳秀英', '家庭成员', '𠮷野家', '王建国', '张·伊力哈木'];

describe('roster files: the streaming .xlsx reader and writer', () => {
  it('reads back every Chinese cell of a large sheet intact (characters cut between inflated chunks)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('居民');
    sheet.addRow(['姓名', '身份']);
    for (let i = 0; i < 20_000; i += 1) sheet.addRow([`${names[i % names.length]}${i}`, '家庭成员']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const read = await readSheet('居民.xlsx', buffer, caps);
    expect(read.headerCells).toEqual(['姓名', '身份']);
    expect(read.rows).toHaveLength(20_000);
    const broken = read.rows.filter(
      (r, i) => r.cells[0] !== `${names[i % names.length]}${i}` || r.cells[1] !== '家庭成员',
    );
    expect(broken).toEqual([]);
  });

  it('writes an export as a stream that the reader takes back row for row', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-roster-files-'));
    const file = path.join(dir, 'places.xlsx');
    async function* pages() {
      yield [['TA-1', '河滨小区', '小区自然村', 'TA', '城']];
      yield [['TA-2', '王家浜', '小区自然村', 'TA', '乡']];
    }
    await writeRosterFile(file, 'places', 'xlsx', pages());
    const read = await readSheet('places.xlsx', fs.readFileSync(file), caps);
    expect(read.headerCells).toEqual(rosterColumns.places.map((c) => c.header));
    expect(read.rows).toEqual([
      { row: 2, cells: ['TA-1', '河滨小区', '小区自然村', 'TA', '城'] },
      { row: 3, cells: ['TA-2', '王家浜', '小区自然村', 'TA', '乡'] },
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
