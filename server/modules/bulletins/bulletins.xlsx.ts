import ExcelJS from 'exceljs';
import type { BulletinContent } from '../../../contracts/bulletins';
import {
  GOVERNANCE_NOTE,
  formatFigure,
  governanceHeader,
  governanceRows,
  headline,
  monthLabel,
} from './bulletins.labels';

type Value = { value: number | null; n: number; num?: number; den?: number };

/** The staff file names task owners: said on its first sheet and in the print header of every sheet. */
export const INTERNAL_NOTE = '内部资料，含个人信息，请勿公开张贴';
const headerFooter = { oddHeader: `&C${INTERNAL_NOTE}` };

/**
 * 月度通报 as the staff working file (for staff and supervisors of the place; the notice board gets the
 * .docx): 指标 (each headline figure with its raw value, numerator and denominator), 逾期任务 (one row
 * per overdue task, with its owner), 事项 (the figures by place, the best and most overdue matters) and
 * 逾期转办 (referrals past their due day, by department).
 */
export async function buildBulletinXlsx(content: BulletinContent): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '议事';
  const figures = content.figures as Record<string, Value>;

  const sheet = workbook.addWorksheet('指标', { views: [{ state: 'frozen', ySplit: 3 }], headerFooter });
  sheet.addRow([`${content.place.name}${monthLabel(content.month)}议事工作通报（截至 ${content.asOf}）`]);
  sheet.addRow([INTERNAL_NOTE]).getCell(1).font = { bold: true, color: { argb: 'FFC00000' } };
  sheet.addRow(['指标', '显示', '数值', '分子', '分母', '条数']);
  for (const h of headline) {
    const v = figures[h.key];
    sheet.addRow([h.label, formatFigure(v, h.format), v?.value ?? null, v?.num ?? null, v?.den ?? null, v?.n ?? 0]);
  }
  sheet.columns = [{ width: 24 }, { width: 22 }, { width: 10 }, { width: 8 }, { width: 8 }, { width: 8 }];

  const tasks = workbook.addWorksheet('逾期任务', { views: [{ state: 'frozen', ySplit: 1 }], headerFooter });
  tasks.addRow(['事项编号', '事项', '地点', '任务', '责任方', '截止日期', '逾期天数']);
  for (const t of content.overdueTasks) {
    tasks.addRow([t.matterId, t.title, t.placeName, t.task, t.ownerName, t.dueOn, t.daysOverdue]);
  }
  tasks.columns = [
    { width: 10 },
    { width: 30 },
    { width: 14 },
    { width: 24 },
    { width: 14 },
    { width: 12 },
    { width: 10 },
  ];

  const matters = workbook.addWorksheet('事项', { headerFooter });
  matters.addRow(['分地区情况']);
  matters.addRow(['地区', '新提', '决议', '归档', '逾期任务', '落实率', '满意度']);
  for (const p of content.byPlace) {
    matters.addRow([
      p.name,
      p.raised.value,
      p.resolved.value,
      p.archived.value,
      p.overdueTasks.value,
      formatFigure(p.implementationRate, 'percent'),
      formatFigure(p.satisfaction, 'score'),
    ]);
  }
  matters.addRow([]);
  matters.addRow(['四治融合情况']);
  matters.addRow(governanceHeader);
  for (const row of governanceRows(content)) matters.addRow(row);
  matters.addRow([GOVERNANCE_NOTE]);
  matters.addRow([]);
  matters.addRow(['逾期最久的事项']);
  matters.addRow(['事项编号', '事项', '地点', '逾期任务', '逾期天数']);
  for (const m of content.mostOverdue) matters.addRow([m.matterId, m.title, m.placeName, m.openTasks, m.daysOverdue]);
  matters.addRow([]);
  matters.addRow(['成效最好的事项']);
  matters.addRow(['事项编号', '事项', '地点', '评估得分', '成效']);
  for (const m of content.best) matters.addRow([m.matterId, m.title, m.placeName, m.score, m.outcome]);
  matters.columns = [
    { width: 16 },
    { width: 30 },
    { width: 14 },
    { width: 10 },
    { width: 10 },
    { width: 16 },
    { width: 16 },
  ];

  const referrals = workbook.addWorksheet('逾期转办', { views: [{ state: 'frozen', ySplit: 1 }], headerFooter });
  referrals.addRow(['部门', '事项编号', '事项', '地点', '办理期限', '逾期天数']);
  for (const r of content.overdueReferrals ?? []) {
    referrals.addRow([r.department, r.matterId, r.title, r.placeName, r.dueOn, r.daysOverdue]);
  }
  referrals.columns = [{ width: 16 }, { width: 10 }, { width: 30 }, { width: 14 }, { width: 12 }, { width: 10 }];

  const anchors = workbook.addWorksheet('链锚', { headerFooter });
  anchors.addRow(['日期', '事项数', '根哈希', '签名', '密钥编号']);
  for (const a of content.anchors ?? []) anchors.addRow([a.day, a.matterCount, a.root, a.signature, a.keyId]);
  anchors.columns = [{ width: 12 }, { width: 8 }, { width: 66 }, { width: 90 }, { width: 18 }];

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
