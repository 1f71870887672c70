import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterColumns } from '../../../domain/roster';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { buildStaff, buildTerritory } from '../../test/factories';
import { zipEntries } from './roster.zip-guard';

const HEADER = rosterColumns.residents.map((c) => c.header);

function upload(client: TestClient, placeId: number, file: { name: string; body: Buffer }, mode = 'validate') {
  const data = new FormData();
  data.append('placeId', String(placeId));
  data.append('kind', 'residents');
  data.append('mode', mode);
  data.append('file', new Blob([new Uint8Array(file.body)]), file.name);
  return client.request({ method: 'POST', url: '/api/roster/imports', payload: data });
}

const residentRow = (n: number, placeCode: string) => [
  `CAP-${n}`,
  `居民${n}`,
  '男',
  '1970-01-01',
  '',
  '',
  '',
  placeCode,
  '家庭成员',
  '',
];
const csvOf = (rows: string[][]) => Buffer.from([HEADER, ...rows].map((r) => r.join(',')).join('\r\n'), 'utf8');

async function xlsxOf(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('居民');
  sheet.addRow(HEADER);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A real .xlsx whose first sheet is padded with `megabytes` MB of blanks: a few kB compressed. */
async function zipBomb(megabytes: number): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await xlsxOf([]));
  const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  const padded = sheet.replace('<sheetData>', `<sheetData>${' '.repeat(megabytes * 2 ** 20)}`);
  zip.file('xl/worksheets/sheet1.xml', padded);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** The same bomb with its central directory claiming the sheet is 1 kB: only inflating tells. */
async function lyingAboutSize(zip: Buffer): Promise<Buffer> {
  const copy = Buffer.from(zip);
  let at = copy.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  for (const entry of await zipEntries(copy)) {
    if (entry.name === 'xl/worksheets/sheet1.xml') copy.writeUInt32LE(1024, at + 24);
    at += 46 + copy.readUInt16LE(at + 28) + copy.readUInt16LE(at + 30) + copy.readUInt16LE(at + 32);
  }
  return copy;
}

/** 30,000 residents in one unit: an export long enough to overlap other requests. */
async function seedResidents(t: TestApp, unit: { id: number; path: string }) {
  await t.database.pool.query(
    `insert into residents (code, name, gender, birth_date, place_id, place_path, tenure)
     select 'BULK-' || g, '居民' || g, 'male', '1970-01-01', $1, $2, 'family' from generate_series(1, 30000) g`,
    [unit.id, unit.path],
  );
}

/**
 * Time for a request to pass its session and place lookups and take its job slot, even on a busy
 * machine; the 30,000-resident export it starts (with its worker's start) runs far longer.
 */
/**
 * Holds the residents table (ACCESS EXCLUSIVE in an open transaction) so a started export stays
 * running, whatever the machine's speed: `started()` resolves once a worker's read waits on the lock,
 * i.e. the job holds its slot; `release()` lets it finish.
 */
async function holdResidents(t: TestApp) {
  const client = await t.database.pool.connect();
  await client.query('begin');
  await client.query('lock table residents in access exclusive mode');
  return {
    async started() {
      for (let waited = 0; waited < 60_000; waited += 50) {
        const { rows } = await t.database.pool.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock' and pid <> $1`,
          [(client as unknown as { processID: number }).processID],
        );
        if (rows[0]!.n > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('no roster job reached the residents table within 60 s');
    },
    async release() {
      await client.query('commit');
      client.release();
    },
  };
}

describe('roster caps', () => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  let convenor: TestClient;
  let townOfficer: TestClient;

  beforeAll(async () => {
    t = await buildTestApp({ YISHI_ROSTER_MAX_ROWS: '50', YISHI_ROSTER_MAX_UNZIPPED_MB: '8' });
    const db = t.database.db;
    territory = await buildTerritory(db);
    const staff = await buildStaff(db, { role: 'convenor', placeId: territory.community.id });
    const officer = await buildStaff(db, { role: 'town_officer', placeId: territory.town.id });
    convenor = await t.loginByCode(staff.phone);
    townOfficer = await t.loginByCode(officer.phone);
    await seedResidents(t, territory.unit1);
  });
  afterAll(async () => t.close());

  it('refuses a zip bomb by its declared size, before inflating it, with a 413 and a stable code', async () => {
    const bomb = await zipBomb(24);
    expect(bomb.length).toBeLessThan(200_000);
    const response = await upload(convenor, territory.community.id, { name: '居民.xlsx', body: bomb });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toMatchObject({
      code: 'roster.file_too_large_unzipped',
      field: 'file',
      message: '文件解压后过大（最大 8 MB），请拆分后导入',
    });
  });

  it('refuses a zip bomb whose directory lies about its size, while inflating into nothing', async () => {
    const liar = await lyingAboutSize(await zipBomb(24));
    const response = await upload(convenor, territory.community.id, { name: '居民.xlsx', body: liar });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('roster.file_too_large_unzipped');
  });

  it('refuses a file with more rows than the setting allows, .csv and .xlsx alike', async () => {
    const rows = Array.from({ length: 51 }, (_, n) => residentRow(n, territory.unit1.code));
    for (const file of [
      { name: '居民.csv', body: csvOf(rows) },
      { name: '居民.xlsx', body: await xlsxOf(rows) },
    ]) {
      const response = await upload(convenor, territory.community.id, file);
      expect(response.statusCode, file.name).toBe(413);
      expect(response.json().error).toMatchObject({ code: 'roster.too_many_rows', field: 'file' });
    }
    const fits = await upload(convenor, territory.community.id, { name: '居民.csv', body: csvOf(rows.slice(1)) });
    expect(fits.statusCode).toBe(200);
    expect(fits.json().rowCount).toBe(50);
  });

  it(
    'refuses a second export by the same account while the first runs, and answers others meanwhile',
    { timeout: 120_000 },
    async () => {
      const url = `/api/roster/export/residents.xlsx?placeId=${territory.community.id}`;
      let isFirstDone = false;
      const hold = await holdResidents(t);
      const first = convenor.get(url).then((response) => {
        isFirstDone = true;
        return response;
      });
      await hold.started();
      const second = await convenor.get(url);
      expect(second.statusCode).toBe(429);
      expect(second.json().error).toMatchObject({
        code: 'roster.job_running',
        message: '您已有一个名册导入或导出正在进行，请等它完成后再试',
      });
      // Another account is served while the export runs.
      const session = await townOfficer.get('/api/session');
      expect(session.statusCode).toBe(200);
      expect(isFirstDone).toBe(false);
      // And may run its own roster job meanwhile (a second worker: the limit is per account).
      const othersImport = upload(townOfficer, territory.community.id, {
        name: '居民.csv',
        body: csvOf([residentRow(1, territory.unit1.code)]),
      });
      await hold.release();
      expect((await othersImport).statusCode).toBe(200);
      const exported = await first;
      expect(exported.statusCode).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
      expect(workbook.worksheets[0]!.rowCount).toBe(30_001);
      // The account may export again once its first export is done.
      expect((await convenor.get(`/api/roster/export/places.csv?placeId=${territory.community.id}`)).statusCode).toBe(
        200,
      );
    },
  );
});

describe('roster caps: wall time', () => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  const clients: TestClient[] = [];

  // Its own data folder: what a stopped preview leaves there is this file's alone.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-roster-caps-'));

  beforeAll(async () => {
    t = await buildTestApp({ YISHI_ROSTER_JOB_SECONDS: '1', YISHI_DATA_DIR: dataDir });
    territory = await buildTerritory(t.database.db);
    for (let i = 0; i < 2; i += 1) {
      const staff = await buildStaff(t.database.db, { role: 'convenor', placeId: territory.community.id });
      clients.push(await t.loginByCode(staff.phone));
    }
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops a job past its wall time with a stable code and writes nothing', async () => {
    const rows = Array.from({ length: 40_000 }, (_, n) => residentRow(n, territory.unit1.code));
    const response = await upload(
      clients[0]!,
      territory.community.id,
      { name: '居民.csv', body: csvOf(rows) },
      'commit',
    );
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({
      code: 'roster.job_timeout',
      message: expect.stringContaining('1 秒'),
    });
    const { rows: count } = await t.database.pool.query(
      "select count(*)::int as n from residents where code like 'CAP-%'",
    );
    expect(count[0].n).toBe(0);
  });

  it('keeps nothing of a preview stopped past its wall time', async () => {
    const rows = Array.from({ length: 80_000 }, (_, n) => residentRow(n, territory.unit1.code));
    const response = await upload(
      clients[1]!,
      territory.community.id,
      { name: '居民.csv', body: csvOf(rows) },
      'validate',
    );
    expect(response.statusCode).toBe(422);
    expect(response.json().error.code).toBe('roster.job_timeout');
    expect(fs.readdirSync(path.join(dataDir, 'tmp'))).toEqual([]);
  });
});

describe('roster caps: the number of jobs at once', () => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    t = await buildTestApp({ YISHI_ROSTER_JOBS: '1' });
    territory = await buildTerritory(t.database.db);
    await seedResidents(t, territory.unit1);
    for (let i = 0; i < 2; i += 1) {
      const staff = await buildStaff(t.database.db, { role: 'convenor', placeId: territory.community.id });
      clients.push(await t.loginByCode(staff.phone));
    }
  });
  afterAll(async () => t.close());

  it(
    'refuses a job from another account when all job slots are taken, and runs it once one is free',
    { timeout: 120_000 },
    async () => {
      const url = `/api/roster/export/residents.csv?placeId=${territory.community.id}`;
      const hold = await holdResidents(t);
      const first = clients[0]!.get(url);
      await hold.started();
      const second = await clients[1]!.get(url);
      await hold.release();
      expect(second.statusCode).toBe(429);
      expect(second.json().error).toMatchObject({
        code: 'roster.busy',
        message: '当前名册导入导出任务较多，请稍后再试',
      });
      expect((await first).statusCode).toBe(200);
      expect((await clients[1]!.get(url)).statusCode).toBe(200);
    },
  );
});

describe('roster caps: worker memory', () => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  let convenor: TestClient;

  beforeAll(async () => {
    t = await buildTestApp({ YISHI_ROSTER_WORKER_MB: '64' });
    territory = await buildTerritory(t.database.db);
    const staff = await buildStaff(t.database.db, { role: 'convenor', placeId: territory.community.id });
    convenor = await t.loginByCode(staff.phone);
  });
  afterAll(async () => t.close());

  it(
    'refuses a file that needs more than the worker heap with a stable code, and the app goes on',
    { timeout: 180_000 },
    async () => {
      // Residents stream through in chunks whatever their number; a places file is checked in one piece
      // (a row may name a parent further down), so 150,000 places need more than a 64 MB heap.
      const header = rosterColumns.places.map((c) => c.header);
      const places = Array.from({ length: 150_000 }, (_, n) => [
        `HEAP-${n}`,
        `小区${n}`,
        '小区自然村',
        territory.community.code,
        '城',
      ]);
      const data = new FormData();
      data.append('placeId', String(territory.community.id));
      data.append('kind', 'places');
      data.append('mode', 'validate');
      const body = Buffer.from([header, ...places].map((r) => r.join(',')).join('\r\n'), 'utf8');
      data.append('file', new Blob([new Uint8Array(body)]), '区划.csv');
      const response = await convenor.request({ method: 'POST', url: '/api/roster/imports', payload: data });
      expect(response.statusCode).toBe(413);
      expect(response.json().error).toMatchObject({ code: 'roster.file_too_complex', field: 'file' });
      expect((await convenor.get('/api/session')).statusCode).toBe(200);
    },
  );
});
