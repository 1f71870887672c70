// roster.files first: it puts ExcelJS's streaming UTF-8 fix in place before exceljs loads.
import { readSheet } from './roster.files';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { XmlScanner } from './roster.xml-scan';

const caps = { maxRows: 1_000, maxUnzippedBytes: 64 * 2 ** 20 };

/** An .xlsx by hand: the parts as Excel and other tools write them, shared strings and all. */
async function handMade(parts: { sheets: string[]; sharedStrings?: string; styles?: string; date1904?: boolean }) {
  const zip = new JSZip();
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const rels = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  // Tabs in reverse file order: the first tab is the last sheet file, as after moving a sheet in Excel.
  const order = parts.sheets.map((_, i) => parts.sheets.length - i);
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0"?><workbook ${ns} ${rels}><workbookPr${parts.date1904 ? ' date1904="1"' : ''}/><sheets>${order
      .map((n) => `<sheet name="S${n}" sheetId="${n}" r:id="rId${n}"/>`)
      .join('')}</sheets></workbook>`,
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${parts.sheets
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join('')}</Relationships>`,
  );
  parts.sheets.forEach((rows, i) =>
    zip.file(`xl/worksheets/sheet${i + 1}.xml`, `<worksheet ${ns}><sheetData>${rows}</sheetData></worksheet>`),
  );
  if (parts.sharedStrings) zip.file('xl/sharedStrings.xml', `<sst ${ns}>${parts.sharedStrings}</sst>`);
  if (parts.styles) zip.file('xl/styles.xml', `<styleSheet ${ns}>${parts.styles}</styleSheet>`);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('roster .xlsx reader', () => {
  it('reads the first tab, shared and rich strings, entities, dates by style, booleans and formula results', async () => {
    const file = await handMade({
      sheets: [
        '<row r="1"><c r="A1" t="inlineStr"><is><t>second tab</t></is></c></row>',
        [
          '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>',
          '<row r="2"/>',
          '<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" s="1"><v>36526</v></c><c r="C3" s="2"><v>42.5</v></c></row>',
          '<row r="4"><c r="A4" t="str"><f>A3</f><v>王 &amp; 李</v></c><c r="B4" t="b"><v>1</v></c>',
          '<c r="C4" t="e"><v>#N/A</v></c><c r="D4" t="inlineStr"><is><r><t>欧阳</t></r><r><t xml:space="preserve">秀英 </t></r>',
          '<rPh sb="0" eb="1"><t>オウ</t></rPh></is></c><c r="E4"><f>1+1</f><v>2</v></c><c r="F4" s="3"><v>1</v></c></row>',
        ].join(''),
      ],
      sharedStrings:
        '<si><t>编号</t></si><si><r><rPr><b/></rPr><t>姓</t></r><r><t>名</t></r></si><si><t>&lt;CR&#x31;&gt;</t></si>',
      styles:
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>' +
        '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
        '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="2"/><xf numFmtId="14"/></cellXfs>',
    });
    const read = await readSheet('名单.xlsx', file, caps);
    expect(read.headerCells).toEqual(['编号', undefined, '姓名']);
    expect(read.rows).toEqual([
      { row: 3, cells: ['<CR1>', new Date('2000-01-01T00:00:00Z'), 42.5] },
      { row: 4, cells: ['王 & 李', true, null, '欧阳秀英 ', 2, new Date('1899-12-31T00:00:00Z')] },
    ]);
  });

  it('reads a sheet written with namespace prefixes and without cell references', async () => {
    const zip = new JSZip();
    zip.file(
      'xl/worksheets/sheet1.xml',
      '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
        '<x:row><x:c t="inlineStr"><x:is><x:t>编号</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>姓名</x:t></x:is></x:c></x:row>' +
        '<x:row><x:c t="inlineStr"><x:is><x:t>R1</x:t></x:is></x:c><x:c><x:v>7</x:v></x:c></x:row>' +
        '</x:sheetData></x:worksheet>',
    );
    const read = await readSheet('a.xlsx', await zip.generateAsync({ type: 'nodebuffer' }), caps);
    expect(read.headerCells).toEqual(['编号', '姓名']);
    expect(read.rows).toEqual([{ row: 2, cells: ['R1', 7] }]);
  });

  it('gives a blank header when row 1 is missing, and an ExcelJS workbook in the 1904 date system', async () => {
    const file = await handMade({
      sheets: ['<row r="2"><c r="A2" s="1"><v>0</v></c></row>'],
      styles: '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>',
      date1904: true,
    });
    const read = await readSheet('a.xlsx', file, caps);
    expect(read.headerCells).toEqual([]);
    expect(read.rows).toEqual([{ row: 2, cells: [new Date('1904-01-01T00:00:00Z')] }]);
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('居民').addRow(['a', new Date('2001-02-03T00:00:00Z')]);
    const written = await readSheet('b.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()), caps);
    expect(written.headerCells).toEqual(['a', new Date('2001-02-03T00:00:00Z')]);
  });

  it('scans tags and text cut anywhere between chunks, attribute values holding ">" included', () => {
    const xml = Buffer.from(
      '<?xml version="1.0"?><a b="x>y" c=\'居\'><!-- 注 --><t>家庭&amp;成员</t><![CDATA[<i>]]><e/></a>',
    );
    for (let cut = 1; cut < xml.length; cut += 1) {
      const seen: string[] = [];
      const scanner = new XmlScanner({
        open: (name, tag, isEmpty) =>
          seen.push(`<${name}${tag.get('b') ?? ''}${tag.get('c') ?? ''}${isEmpty ? '/' : ''}>`),
        close: (name) => seen.push(`</${name}>`),
        wantsText: () => true,
        text: (text) => seen.push(text),
      });
      scanner.write(xml.subarray(0, cut));
      scanner.write(xml.subarray(cut));
      scanner.end();
      expect(seen.join('')).toBe('<x>y居><t>家庭&成员</t><i></></></>');
    }
  });
});
