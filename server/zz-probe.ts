import { readSheet, writeRosterFile } from './modules/roster/roster.files';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
const cells = (i: number) => [`R${i}`, `家庭成员${i}`, '男', '1970-01-01', '', '', '', 'P', '家庭成员', ''];
async function* pages() { for (let p = 0; p < 10; p++) yield Array.from({ length: 10000 }, (_, i) => cells(p * 10000 + i)); }
await writeRosterFile('/tmp/zz.xlsx', 'residents', 'xlsx', pages());
const buf = fs.readFileSync('/tmp/zz.xlsx');
const wb = new ExcelJS.Workbook();
await wb.xlsx.load(buf as unknown as ArrayBuffer);
let bad = 0;
wb.worksheets[0]!.eachRow((row, n) => { if (n > 1 && row.getCell(9).value !== '家庭成员') bad++; });
console.log('non-streaming read of streamed file: broken', bad);
const r = await readSheet('a.xlsx', buf, { maxRows: 1e6, maxUnzippedBytes: 1e9 });
console.log('streaming read: broken', r.rows.filter((x) => x.cells[8] !== '家庭成员').length);
