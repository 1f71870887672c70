import type { Actor } from '../../../domain/access';
import { budgetReport } from '../../../domain/projects';
import type { Db } from '../../db/client';
import { authorizePlace } from '../places';
import { visibleCall } from './calls.service';
import { projectFor } from './projects.access';
import { linesAndSpendingsOf } from './project-parts.repository';
import { contractedProjectsOf } from './projects.repository';

/** Yuan as the sheet's number: fen / 100 shown with the format '0.00', so the cell reads exactly. */
const yuan = (fen: number) => fen / 100;
const MONEY = '#,##0.00';

type SheetRow = {
  project?: string;
  organisation?: string;
  line: string;
  budgetFen: number;
  spentFen: number;
  remainingFen: number;
};

/** One worksheet of budget vs spent rows and a totals row, as an .xlsx buffer. */
async function budgetWorkbook(title: string, rows: SheetRow[], withProject: boolean) {
  // Loaded on demand: the roster's streaming reader needs its UTF-8 fix in place before exceljs loads.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('预算执行');
  sheet.addRow([title]);
  const headers = [
    ...(withProject ? ['项目', '社会组织'] : []),
    '预算科目',
    '预算（元）',
    '已支出（元）',
    '结余（元）',
  ];
  sheet.addRow(headers).font = { bold: true };
  const moneyFrom = withProject ? 4 : 2;
  for (const r of rows) {
    sheet.addRow([
      ...(withProject ? [r.project ?? '', r.organisation ?? ''] : []),
      r.line,
      yuan(r.budgetFen),
      yuan(r.spentFen),
      yuan(r.remainingFen),
    ]);
  }
  const sum = (k: 'budgetFen' | 'spentFen' | 'remainingFen') => rows.reduce((s, r) => s + r[k], 0);
  const totals = sheet.addRow([
    ...(withProject ? ['', ''] : []),
    '合计',
    yuan(sum('budgetFen')),
    yuan(sum('spentFen')),
    yuan(sum('remainingFen')),
  ]);
  totals.font = { bold: true };
  for (let c = moneyFrom; c < moneyFrom + 3; c += 1) sheet.getColumn(c).numFmt = MONEY;
  sheet.columns.forEach((col) => (col.width = 18));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** 预算执行表 of one project: budget vs spent per line, with totals. */
export async function projectBudgetXlsx(db: Db, actor: Actor, id: number) {
  const { row } = await projectFor(db, actor, 'project.export', id);
  const { lines, spendings } = await linesAndSpendingsOf(db, [id]);
  const report = budgetReport(lines, spendings);
  const rows = report.lines.map((l) => ({ line: l.name, ...l }));
  return {
    fileName: `project-${id}-budget.xlsx`,
    bytes: await budgetWorkbook(`${row.title}（${row.organisationName}）`, rows, false),
  };
}

/** The call's finance sheet: every contracted project × line, budget vs spent, with totals. */
export async function callBudgetXlsx(db: Db, actor: Actor, callId: number) {
  const call = await visibleCall(db, actor, callId);
  authorizePlace(actor, 'call.manage', { path: call.placePath });
  const projects = await contractedProjectsOf(db, callId);
  const { lines, spendings } = await linesAndSpendingsOf(
    db,
    projects.map((p) => p.id),
  );
  const rows: SheetRow[] = projects.flatMap((p) =>
    budgetReport(
      lines.filter((l) => l.projectId === p.id),
      spendings.filter((s) => s.projectId === p.id),
    ).lines.map((l) => ({ project: p.title, organisation: p.organisationName, line: l.name, ...l })),
  );
  return { fileName: `call-${callId}-budget.xlsx`, bytes: await budgetWorkbook(call.title, rows, true) };
}
