import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';

/** What a certificate prints. */
export type CertificateFacts = {
  name: string;
  title: string;
  year: number;
  certificateNo: string;
  issuer: string;
  /** The day it was issued, YYYY-MM-DD. */
  issuedOn: string;
};

/** The honorary title a city's certificate confers (桐安市社区工作领军人才). */
export const talentTitle = (cityName: string) => `${cityName}社区工作领军人才`;
/** Who issues it: the city's selection committee. */
export const talentIssuer = (cityName: string) => `${cityName}社区工作领军人才遴选委员会`;

const A4 = { width: 11906, height: 16838 }; // twips
const line = (
  text: string,
  size: number,
  options: { bold?: boolean; after?: number; align?: 'center' | 'right' } = {},
) =>
  new Paragraph({
    alignment: options.align === 'right' ? AlignmentType.RIGHT : AlignmentType.CENTER,
    spacing: { after: options.after ?? 240 },
    children: [new TextRun({ text, size, bold: options.bold ?? false, font: 'SimSun' })],
  });

/** 荣誉证书: one A4 page, the person's name, the title, the year, the number, the issuer and the date. */
export async function buildCertificateDocx(facts: CertificateFacts): Promise<Buffer> {
  const [y, m, d] = facts.issuedOn.split('-').map(Number);
  const doc = new Document({
    sections: [
      {
        properties: { page: { size: A4, margin: { top: 2268, bottom: 1701, left: 1701, right: 1701 } } },
        children: [
          line('荣誉证书', 72, { bold: true, after: 720 }),
          line(`${facts.name} 同志：`, 32, { after: 360 }),
          line(`被评为${facts.year}年度`, 32),
          line(facts.title, 44, { bold: true, after: 360 }),
          line('特发此证，以资鼓励。', 32, { after: 1200 }),
          line(facts.issuer, 30, { align: 'right' }),
          line(`${y}年${m}月${d}日`, 30, { align: 'right', after: 720 }),
          line(`证书编号：${facts.certificateNo}`, 24, { align: 'right' }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
