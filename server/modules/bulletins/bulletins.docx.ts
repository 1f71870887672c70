import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import QRCode from 'qrcode';
import type { PublicBulletin } from '../../../contracts/bulletins';
import {
  GOVERNANCE_NOTE,
  formatFigure,
  governanceHeader,
  governanceRows,
  capacityRows,
  headlineRows,
  monthLabel,
  outcomeLabels,
} from './bulletins.labels';

const A4 = { width: 11906, height: 16838 }; // twips
const MARGIN = 1134; // 2 cm

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 22 })] })] });
const table = (header: string[], rows: string[][]) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
    ],
  });
const heading = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_2, spacing: { before: 240 } });
const none = () => new Paragraph({ children: [new TextRun('（无）')] });
/** A matter the public may not read is printed as this, with its place and numbers only. */
export const HIDDEN_MATTER = '未公开事项';
const titleOf = (m: { title: string | null }) => m.title ?? HIDDEN_MATTER;

/** 四治融合: the month's figures per governance and the note that the rows overlap. */
function governanceSection(content: PublicBulletin) {
  const rows = governanceRows(content);
  if (!rows.length) return [none()];
  return [
    table(governanceHeader, rows),
    new Paragraph({ children: [new TextRun({ text: GOVERNANCE_NOTE, size: 20 })] }),
  ];
}

/** 能力建设: the year's capacity figures, as the capacity dashboard counts them. */
function capacitySection(content: PublicBulletin) {
  const c = content.capacity;
  if (!c) return [none()];
  return [table(['指标', `${c.year}年`], capacityRows(c))];
}

/** The QR code of the bulletin's public page, as a PNG (the .docx prints it 3 cm wide). */
export const bulletinQrPng = (pageUrl: string) =>
  QRCode.toBuffer(pageUrl, { type: 'png', width: 240, margin: 1, errorCorrectionLevel: 'M' });

/**
 * 月度通报 as a printable A4 Word document in Chinese, for a notice board: the headline figures,
 * the figures by place, the most overdue and the best matters, the overdue tasks, and a QR code to
 * the public online page. It prints the public bulletin (publicViewOf), so exactly what the QR code's
 * page shows: matters named only when public and decided, titles redacted, no task owners, no names.
 */
export async function buildBulletinDocx(content: PublicBulletin, pageUrl: string): Promise<Buffer> {
  const qr = await bulletinQrPng(pageUrl);
  const title = `${content.place.name}${monthLabel(content.month)}议事工作通报`;
  const children = [
    new Paragraph({ text: title, heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [
        new TextRun(`统计期间：${content.period.from} 至 ${monthLabel(content.month)}末（数据截至 ${content.asOf}）`),
      ],
    }),
    heading('一、主要数据'),
    table(['指标', '本月'], headlineRows(content)),
    heading('二、分地区情况'),
    content.byPlace.length
      ? table(
          ['地区', '新提', '决议', '归档', '逾期任务', '落实率', '满意度'],
          content.byPlace.map((p) => [
            p.name,
            formatFigure(p.raised, 'count'),
            formatFigure(p.resolved, 'count'),
            formatFigure(p.archived, 'count'),
            formatFigure(p.overdueTasks, 'count'),
            formatFigure(p.implementationRate, 'percent'),
            formatFigure(p.satisfaction, 'score'),
          ]),
        )
      : none(),
    heading('三、四治融合情况'),
    ...governanceSection(content),
    heading('四、逾期最久的事项'),
    content.mostOverdue.length
      ? table(
          ['事项', '地点', '逾期任务', '逾期天数'],
          content.mostOverdue.map((m) => [titleOf(m), m.placeName, String(m.openTasks), String(m.daysOverdue)]),
        )
      : none(),
    heading('五、成效最好的事项'),
    content.best.length
      ? table(
          ['事项', '地点', '评估得分', '成效'],
          content.best.map((m) => [titleOf(m), m.placeName, String(m.score), outcomeLabels[m.outcome] ?? m.outcome]),
        )
      : none(),
    heading('六、逾期任务清单'),
    content.overdueTasks.length
      ? table(
          ['事项', '地点', '任务', '截止日期', '逾期天数'],
          content.overdueTasks.map((t) => [titleOf(t), t.placeName, t.task ?? '—', t.dueOn, String(t.daysOverdue)]),
        )
      : none(),
    heading('七、逾期未办结的转办（按部门）'),
    content.overdueReferrals.length
      ? table(
          ['部门', '事项', '地点', '办理期限', '逾期天数'],
          content.overdueReferrals.map((r) => [r.department, titleOf(r), r.placeName, r.dueOn, String(r.daysOverdue)]),
        )
      : none(),
    heading('八、能力建设（本年累计）'),
    ...capacitySection(content),
    heading('九、议事记录链锚'),
    new Paragraph({
      children: [
        new TextRun({
          text: '每日对全部事项的议事记录链签名存证；任何人可用公布的公钥核对，记录被删改即无法对上。',
          size: 20,
        }),
      ],
    }),
    content.anchors.length
      ? table(
          ['日期', '事项数', '根哈希 / 签名（密钥 ' + content.anchors[0]!.keyId + '）'],
          content.anchors.map((a) => [a.day, String(a.matterCount), `${a.root} ${a.signature}`]),
        )
      : none(),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 360 },
      children: [new ImageRun({ type: 'png', data: qr, transformation: { width: 120, height: 120 } })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '扫码查看在线版', size: 20 })] }),
  ];
  const doc = new Document({
    // The file's properties name no one either: the system as author, no account of who generated it.
    creator: '议事',
    lastModifiedBy: '议事',
    title,
    styles: { default: { document: { run: { font: 'SimSun', size: 24 } } } },
    sections: [
      {
        properties: { page: { size: A4, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
