import { eq, like, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterColumns, type RosterKind } from '../../../domain/roster';
import {
  dwellings,
  households,
  ownerships,
  personalDataReads,
  places,
  residents,
  rosterImports,
} from '../../db/schema';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { buildDwelling, buildResident, buildStaff, buildTerritory } from '../../test/factories';

const headersOf = (kind: RosterKind) => rosterColumns[kind].map((c) => c.header);

function csvFile(kind: RosterKind, rows: string[][]): Buffer {
  const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  return Buffer.from([headersOf(kind), ...rows].map((r) => r.map(quote).join(',')).join('\r\n'), 'utf8');
}

async function xlsxFile(kind: RosterKind, rows: (string | number | Date)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(headersOf(kind));
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

type Upload = { placeId?: number | string; kind?: string; mode?: string; file?: { name: string; body: Buffer } };

function upload(client: TestClient, form: Upload, headers: Record<string, string> = {}) {
  const data = new FormData();
  if (form.placeId !== undefined) data.append('placeId', String(form.placeId));
  if (form.kind !== undefined) data.append('kind', form.kind);
  if (form.mode !== undefined) data.append('mode', form.mode);
  if (form.file) data.append('file', new Blob([new Uint8Array(form.file.body)]), form.file.name);
  return client.request({ method: 'POST', url: '/api/roster/imports', payload: data, headers });
}

describe('roster routes', () => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  let convenor: TestClient;
  let otherConvenor: TestClient;
  let resident: TestClient;
  let convenorAccountId: number;

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    territory = await buildTerritory(db);
    const flat = await buildDwelling(db, { placeId: territory.unit1.id, room: '101' });
    await buildResident(db, {
      placeId: territory.unit1.id,
      phone: '13812345678',
      dwellingId: flat.id,
      owns: [flat.id],
    });
    // An owner living here who also holds a flat in another community: exports list it, re-imports keep it.
    const elsewhere = await buildDwelling(db, { placeId: territory.otherCommunity.id, room: '9' });
    await buildResident(db, { placeId: territory.unit1.id, owns: [elsewhere.id, flat.id] });
    const staff = await buildStaff(db, { role: 'convenor', placeId: territory.community.id });
    convenorAccountId = staff.id;
    const other = await buildStaff(db, { role: 'convenor', placeId: territory.otherCommunity.id });
    convenor = await t.loginByCode(staff.phone);
    otherConvenor = await t.loginByCode(other.phone);
    resident = await t.loginByCode('13812345678');
  });
  afterAll(async () => t.close());

  const dwellingRows = () => [
    [`${territory.unit2.code}-201`, territory.unit2.code, '201', '2', '89.55', '', '', ''],
    [`${territory.unit2.code}-202`, territory.unit2.code, '202', '2', '120.1', '实测', '住宅', '否'],
  ];
  const dwellingsFile = (rows = dwellingRows()) => ({ name: '房屋.csv', body: csvFile('dwellings', rows) });
  const storedDwellings = () =>
    t.database.db
      .select({ code: dwellings.code, areaCenti: dwellings.areaCenti, version: sql<string>`xmin::text` })
      .from(dwellings)
      .where(like(dwellings.code, `${territory.unit2.code}-%`))
      .orderBy(dwellings.code);

  describe('who may import', () => {
    it("tells staff the server's caps on one file, and no one logged out", async () => {
      const limits = await convenor.get('/api/roster/limits');
      expect(limits.statusCode).toBe(200);
      expect(limits.json()).toEqual({ maxUploadMb: 100, maxRows: 1_000_000 });
      expect((await t.anonymous().get('/api/roster/limits')).statusCode).toBe(401);
    });

    it('asks an anonymous visitor to log in', async () => {
      const response = await upload(t.anonymous(), {
        placeId: territory.community.id,
        kind: 'dwellings',
        file: dwellingsFile(),
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('auth.required');
    });

    it('refuses a resident', async () => {
      const response = await upload(resident, {
        placeId: territory.community.id,
        kind: 'dwellings',
        file: dwellingsFile(),
      });
      expect(response.statusCode).toBe(403);
      expect(
        (await resident.get(`/api/roster/export/residents.csv?placeId=${territory.community.id}`)).statusCode,
      ).toBe(403);
    });

    it("refuses the convenor of another community this community's roster", async () => {
      const response = await upload(otherConvenor, {
        placeId: territory.community.id,
        kind: 'dwellings',
        file: dwellingsFile(),
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('access.denied');
      const exported = await otherConvenor.get(`/api/roster/export/residents.xlsx?placeId=${territory.community.id}`);
      expect(exported.statusCode).toBe(403);
    });
  });

  describe('bad requests', () => {
    const cases: [string, Upload, string, string][] = [
      ['no file', { placeId: 1, kind: 'dwellings', mode: 'validate' }, 'file', 'roster.file_missing'],
      [
        'an unknown kind',
        { placeId: 1, kind: 'people', file: { name: 'a.csv', body: Buffer.from('x') } },
        'kind',
        'validation.wrong_type',
      ],
      [
        'no place',
        { kind: 'dwellings', file: { name: 'a.csv', body: Buffer.from('x') } },
        'placeId',
        'validation.required',
      ],
      [
        'an unknown mode',
        { placeId: 1, kind: 'dwellings', mode: 'force', file: { name: 'a.csv', body: Buffer.from('x') } },
        'mode',
        'validation.wrong_type',
      ],
      [
        'a PDF',
        { placeId: 1, kind: 'dwellings', file: { name: 'roster.pdf', body: Buffer.from('%PDF-1.4') } },
        'file',
        'roster.file_type',
      ],
      [
        'a broken .xlsx',
        { placeId: 1, kind: 'dwellings', file: { name: 'a.xlsx', body: Buffer.from('PK\u0003\u0004junk') } },
        'file',
        'roster.file_unreadable',
      ],
    ];
    for (const [what, form, field, code] of cases) {
      it(`answers 400 with the field for ${what}`, async () => {
        const response = await upload(convenor, {
          ...form,
          placeId: form.placeId === 1 ? territory.community.id : form.placeId,
        });
        expect(response.statusCode).toBe(400);
        expect(response.json().error).toMatchObject({ field, code });
      });
    }

    it('names the missing headers', async () => {
      const body = Buffer.from('房屋编码,房号\r\nX,1', 'utf8');
      const response = await upload(convenor, {
        placeId: territory.community.id,
        kind: 'dwellings',
        file: { name: 'a.csv', body },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ field: 'file', code: 'roster.headers_missing' });
      expect(response.json().error.message).toContain('所属区划编码');
    });

    it('answers 404 for an unknown place', async () => {
      const response = await upload(convenor, { placeId: 999999, kind: 'dwellings', file: dwellingsFile() });
      expect(response.statusCode).toBe(404);
    });
  });

  describe('dwellings from CSV', () => {
    const badRows = () => {
      const rows = dwellingRows();
      rows[1]![4] = '0';
      return rows;
    };

    it('validates without writing and reports the bad row by row, column and reason', async () => {
      const response = await upload(convenor, {
        placeId: territory.community.id,
        kind: 'dwellings',
        mode: 'validate',
        file: dwellingsFile(badRows()),
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        kind: 'dwellings',
        fileName: '房屋.csv',
        rowCount: 2,
        validCount: 1,
        problems: [
          { row: 3, column: '登记面积(㎡)', value: '0', code: 'roster.area', message: '面积应大于 0，最多两位小数' },
        ],
        warnings: [],
        committed: false,
        summary: null,
        previewId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
      expect(await storedDwellings()).toEqual([]);
    });

    it('refuses to commit a file with a bad row and writes nothing', async () => {
      const response = await upload(convenor, {
        placeId: territory.community.id,
        kind: 'dwellings',
        mode: 'commit',
        file: dwellingsFile(badRows()),
      });
      expect(response.statusCode).toBe(422);
      const error = response.json().error;
      expect(error).toMatchObject({ code: 'roster.file_invalid', message: '文件有 1 处错误，未导入任何数据' });
      expect(error.details.problems).toEqual([
        expect.objectContaining({ row: 3, column: '登记面积(㎡)', code: 'roster.area' }),
      ]);
      expect(await storedDwellings()).toEqual([]);
    });

    it('commits the fixed file with exact areas and paths', async () => {
      const response = await upload(convenor, {
        placeId: territory.community.id,
        kind: 'dwellings',
        mode: 'commit',
        file: dwellingsFile(),
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        committed: true,
        problems: [],
        summary: { inserted: 2, updated: 0, unchanged: 0, skipped: 0 },
      });
      expect((await storedDwellings()).map(({ code, areaCenti }) => [code, areaCenti])).toEqual([
        [`${territory.unit2.code}-201`, 8955],
        [`${territory.unit2.code}-202`, 12010],
      ]);
      const [stored] = await t.database.db
        .select()
        .from(dwellings)
        .where(eq(dwellings.code, `${territory.unit2.code}-202`));
      expect(stored).toMatchObject({
        placeId: territory.unit2.id,
        placePath: territory.unit2.path,
        areaSource: 'survey',
      });
      const [log] = await t.database.db.select().from(rosterImports).where(eq(rosterImports.kind, 'dwellings'));
      expect(log).toMatchObject({
        accountId: convenorAccountId,
        placeId: territory.community.id,
        rowCount: 2,
        inserted: 2,
      });
    });

    it('reports every row unchanged when the same file comes again, and touches no row', async () => {
      const before = await storedDwellings();
      const response = await upload(convenor, {
        placeId: territory.community.id,
        kind: 'dwellings',
        mode: 'commit',
        file: dwellingsFile(),
      });
      expect(response.json().summary).toEqual({ inserted: 0, updated: 0, unchanged: 2, skipped: 0 });
      expect(await storedDwellings()).toEqual(before);
    });

    it('imports only the valid rows when asked, skipping the bad one explicitly', async () => {
      const rows = [
        [`${territory.unit2.code}-203`, territory.unit2.code, '203', '2', '70', '', '', ''],
        [`${territory.unit2.code}-204`, territory.unit2.code, '204', '二', '70', '', '', ''],
        [`${territory.unit2.code}-201`, territory.unit2.code, '201', '2', '89.60', '', '', ''],
      ];
      const response = await upload(convenor, {
        placeId: territory.community.id,
        kind: 'dwellings',
        mode: 'commit_valid',
        file: dwellingsFile(rows),
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        rowCount: 3,
        validCount: 2,
        committed: true,
        problems: [{ row: 3, column: '楼层', code: 'roster.integer' }],
        summary: { inserted: 1, updated: 1, unchanged: 0, skipped: 1 },
      });
      expect((await storedDwellings()).map((d) => [d.code, d.areaCenti])).toEqual([
        [`${territory.unit2.code}-201`, 8960],
        [`${territory.unit2.code}-202`, 12010],
        [`${territory.unit2.code}-203`, 7000],
      ]);
    });

    it('refuses a dwelling in another community as outside the scope, in English when asked', async () => {
      const rows = [[`${territory.otherCommunity.code}-1`, territory.group.code, '1', '1', '50', '', '', '']];
      const english = await upload(
        convenor,
        { placeId: territory.estate.id, kind: 'dwellings', file: dwellingsFile(rows) },
        { 'accept-language': 'en' },
      );
      expect(english.json().problems).toEqual([
        {
          row: 2,
          column: '所属区划编码',
          value: territory.group.code,
          code: 'roster.outside_scope',
          message: 'Outside the place this import is for',
        },
      ]);
    });
  });

  describe('places, households and residents', () => {
    it('builds a new branch from .xlsx with materialised paths, then re-imports it unchanged', async () => {
      const c = territory.community.code;
      const rows = [
        [`${c}-E9-1`, '9幢', '楼栋村民小组', `${c}-E9`, ''],
        [`${c}-E9`, '新苑小区', '小区自然村', c, '城'],
        [`${c}-E9-1-1`, '1单元', '单元', `${c}-E9-1`, ''],
      ];
      const file = { name: '区划.xlsx', body: await xlsxFile('places', rows) };
      const first = await upload(convenor, { placeId: territory.community.id, kind: 'places', mode: 'commit', file });
      expect(first.json()).toMatchObject({ problems: [], summary: { inserted: 3 } });
      const created = await t.database.db
        .select()
        .from(places)
        .where(like(places.code, `${c}-E9%`))
        .orderBy(places.depth);
      expect(created.map((p) => [p.name, p.kind, p.depth])).toEqual([
        ['新苑小区', 'estate', 4],
        ['9幢', 'building', 5],
        ['1单元', 'unit', 6],
      ]);
      expect(created[0]!.path).toBe(`${territory.community.path}${created[0]!.id}/`);
      expect(created[2]!.path).toBe(`${created[1]!.path}${created[2]!.id}/`);
      expect(created[2]!.parentId).toBe(created[1]!.id);
      const again = await upload(convenor, { placeId: territory.community.id, kind: 'places', mode: 'commit', file });
      expect(again.json().summary).toEqual({ inserted: 0, updated: 0, unchanged: 3, skipped: 0 });
    });

    it('reads a GB18030 CSV as saved by Chinese Excel', async () => {
      const header = Buffer.from('bba7b1e0c2eb2ccbf9caf4c7f8bbaeb1e0c2eb2cb7bfceddb1e0c2eb0d0a', 'hex'); // 户编码,所属区划编码,房屋编码
      const body = Buffer.concat([header, Buffer.from(`HH-1,${territory.unit2.code},${territory.unit2.code}-201\r\n`)]);
      const response = await upload(convenor, {
        placeId: territory.community.id,
        kind: 'households',
        mode: 'commit',
        file: { name: '户.csv', body },
      });
      expect(response.json()).toMatchObject({ problems: [], summary: { inserted: 1 } });
      const [stored] = await t.database.db.select().from(households).where(eq(households.code, 'HH-1'));
      expect(stored).toMatchObject({ placeId: territory.unit2.id, placePath: territory.unit2.path });
    });

    it('imports residents with Chinese names, dates in several forms and ownerships', async () => {
      const u = territory.unit2.code;
      const rows: (string | Date)[][] = [
        [
          'RR-1',
          '欧阳秀英',
          '女',
          new Date(Date.UTC(1956, 2, 12)),
          '+86 139 0000 1111',
          'HH-1',
          `${u}-201`,
          '',
          '业主',
          `${u}-202；${u}-201`,
        ],
        ['RR-2', '王建国', '男', '1990/1/2', '', 'HH-1', `${u}-201`, u, '家庭成员', ''],
      ];
      const file = { name: '居民.xlsx', body: await xlsxFile('residents', rows) };
      const response = await upload(convenor, {
        placeId: territory.community.id,
        kind: 'residents',
        mode: 'commit',
        file,
      });
      expect(response.json()).toMatchObject({ problems: [], summary: { inserted: 2 } });
      const [first] = await t.database.db.select().from(residents).where(eq(residents.code, 'RR-1'));
      expect(first).toMatchObject({
        name: '欧阳秀英',
        gender: 'female',
        birthDate: '1956-03-12',
        phone: '13900001111',
        placeId: territory.unit2.id,
        tenure: 'owner',
      });
      const owned = await t.database.db.select().from(ownerships).where(eq(ownerships.residentId, first!.id));
      expect(owned).toHaveLength(2);

      // The file is now the truth for RR-1's ownerships: one flat less.
      rows[0]![9] = `${u}-201`;
      const update = await upload(convenor, {
        placeId: territory.community.id,
        kind: 'residents',
        mode: 'commit',
        file: { name: '居民.xlsx', body: await xlsxFile('residents', rows) },
      });
      expect(update.json().summary).toEqual({ inserted: 0, updated: 1, unchanged: 1, skipped: 0 });
      expect(await t.database.db.select().from(ownerships).where(eq(ownerships.residentId, first!.id))).toHaveLength(1);
    });

    for (const format of ['xlsx', 'csv'] as const) {
      for (const kind of ['places', 'dwellings', 'households', 'residents'] as const) {
        it(`exports ${kind} as .${format} and re-imports them all unchanged`, async () => {
          const exported = await convenor.get(`/api/roster/export/${kind}.${format}?placeId=${territory.community.id}`);
          expect(exported.statusCode).toBe(200);
          const body = exported.rawPayload;
          const response = await upload(convenor, {
            placeId: territory.community.id,
            kind,
            mode: 'commit',
            file: { name: `export.${format}`, body },
          });
          expect(response.statusCode).toBe(200);
          const reply = response.json();
          expect(reply.problems).toEqual([]);
          expect(reply.rowCount).toBeGreaterThan(0);
          expect(reply.summary).toEqual({ inserted: 0, updated: 0, unchanged: reply.rowCount, skipped: 0 });
        });
      }
    }

    it('exports Chinese text, full phones for staff, and logs the read', async () => {
      const exported = await convenor.get(`/api/roster/export/residents.csv?placeId=${territory.community.id}`);
      expect(exported.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(exported.headers['content-disposition']).toContain(
        `filename*=UTF-8''${encodeURIComponent('居民名册-河滨社区.csv')}`,
      );
      const text = exported.body;
      expect(text.startsWith('\uFEFF居民编号,姓名,性别,出生日期')).toBe(true);
      expect(text).toContain('RR-1,欧阳秀英,女,1956-03-12,13900001111');
      const reads = await t.database.db
        .select()
        .from(personalDataReads)
        .where(eq(personalDataReads.subject, 'roster_export'));
      expect(
        reads.filter((r) => r.accountId === convenorAccountId && r.subjectId === territory.community.id).length,
      ).toBeGreaterThan(0);
    });
  });

  describe('templates', () => {
    it('serves an .xlsx template with Chinese headers and a 说明 sheet', async () => {
      const response = await convenor.get('/api/roster/templates/residents.xlsx');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="roster-residents-template.xlsx"; filename*=UTF-8''${encodeURIComponent('居民导入模板.xlsx')}`,
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['居民', '说明']);
      expect((workbook.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(headersOf('residents'));
      expect(workbook.worksheets[0]!.rowCount).toBe(1);
      const guide = workbook.getWorksheet('说明')!;
      expect(guide.getRow(2).getCell(1).value).toBe('居民编号');
    });

    it('serves a CSV template with a BOM and only the header row', async () => {
      const response = await convenor.get('/api/roster/templates/dwellings.csv');
      expect(response.statusCode).toBe(200);
      expect(response.body).toBe(`\uFEFF${headersOf('dwellings').join(',')}\r\n`);
    });

    it('answers 400 for an unknown kind or format', async () => {
      const response = await convenor.get('/api/roster/templates/people.xlsx');
      expect(response.statusCode).toBe(400);
      expect((await convenor.get('/api/roster/templates/residents.xls')).statusCode).toBe(400);
    });
  });
});
