import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterColumns } from '../../../domain/roster';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { buildStaff, buildTerritory } from '../../test/factories';
import { CHUNK_ROWS } from './roster.import';

const HEADER = rosterColumns.residents.map((c) => c.header);
const csvOf = (rows: string[][]) => Buffer.from([HEADER, ...rows].map((r) => r.join(',')).join('\r\n'), 'utf8');
const residentRow = (n: number, placeCode: string) => [
  `CH-${n}`,
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

function upload(client: TestClient, placeId: number, body: Buffer, mode: string) {
  const data = new FormData();
  data.append('placeId', String(placeId));
  data.append('kind', 'residents');
  data.append('mode', mode);
  data.append('file', new Blob([new Uint8Array(body)]), '居民.csv');
  return client.request({ method: 'POST', url: '/api/roster/imports', payload: data });
}

describe('roster import of a file larger than one chunk', () => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  let convenor: TestClient;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-roster-chunks-'));
  const stored = async () =>
    (await t.database.pool.query<{ n: number }>(`select count(*)::int as n from residents where code like 'CH-%'`))
      .rows[0]!.n;

  beforeAll(async () => {
    t = await buildTestApp({ YISHI_ROSTER_MAX_UPLOAD_MB: '3', YISHI_DATA_DIR: dataDir });
    territory = await buildTerritory(t.database.db);
    const staff = await buildStaff(t.database.db, { role: 'convenor', placeId: territory.community.id });
    convenor = await t.loginByCode(staff.phone);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  // Three chunks; the last repeats the first row's code.
  const count = 2 * CHUNK_ROWS + 1_000;
  const rows = () => {
    const list = Array.from({ length: count }, (_, n) => residentRow(n, territory.unit1.code));
    list[count - 1]![0] = 'CH-0';
    return list;
  };

  let previewId = '';

  it('reports a repeat in a later chunk against the first row, and counts every row', async () => {
    const response = await upload(convenor, territory.community.id, csvOf(rows()), 'validate');
    expect(response.statusCode).toBe(200);
    previewId = response.json().previewId;
    expect(response.json()).toMatchObject({ rowCount: count, validCount: count - 1, committed: false });
    expect(response.json().problems).toEqual([
      expect.objectContaining({ row: count + 1, code: 'roster.duplicate', value: 'CH-0' }),
    ]);
  });

  it('writes nothing of a refused file, though its first chunks passed', async () => {
    const response = await upload(convenor, territory.community.id, csvOf(rows()), 'commit');
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toMatchObject({ code: 'roster.file_invalid' });
    expect(await stored()).toBe(0);
  });

  it('answers a write that fails while the next chunk is validated with a 409, writing nothing', async () => {
    // Another import committing a code between the look-up and the write: the insert's unique violation.
    await t.database.pool.query(`
      create function roster_test_race() returns trigger language plpgsql as $$
      begin raise exception 'taken meanwhile' using errcode = 'unique_violation', constraint = 'residents_code_key'; end $$;
      create trigger roster_test_race before insert on residents for each row when (new.code = 'CH-10')
        execute function roster_test_race();
      -- Fires in replica mode too, as the unique index it stands for would (roster-parents.repository.ts).
      alter table residents enable always trigger roster_test_race;`);
    try {
      const response = await upload(convenor, territory.community.id, csvOf(rows()), 'commit_valid');
      expect(response.statusCode).toBe(409);
      expect(response.json().error).toMatchObject({ code: 'conflict' });
      expect(await stored()).toBe(0);
    } finally {
      await t.database.pool.query('drop trigger roster_test_race on residents; drop function roster_test_race()');
    }
  });

  it('writes every valid row of every chunk with commit_valid, and removes the upload', async () => {
    const response = await upload(convenor, territory.community.id, csvOf(rows()), 'commit_valid');
    expect(response.statusCode).toBe(200);
    expect(response.json().summary).toEqual({ inserted: count - 1, updated: 0, unchanged: 0, skipped: 1 });
    expect(await stored()).toBe(count - 1);
    // The upload is gone; what is left is the preview the first test kept for its commit.
    expect(fs.readdirSync(path.join(dataDir, 'tmp'))).toEqual([expect.stringMatching(/^roster-preview-.*\.v8$/)]);
  });

  it('refuses an upload over its own cap with a 413, keeping nothing on disk', async () => {
    const big = csvOf(Array.from({ length: 60_000 }, (_, n) => residentRow(n, territory.unit1.code)));
    expect(big.length).toBeGreaterThan(3 * 2 ** 20);
    const response = await upload(convenor, territory.community.id, big, 'validate');
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toMatchObject({ code: 'roster.file_too_large', field: 'file' });
    expect(fs.readdirSync(path.join(dataDir, 'tmp'))).toEqual([expect.stringMatching(/^roster-preview-.*\.v8$/)]);
  });

  it('reads a kept preview of several batches back whole: its commit finds every row already written', async () => {
    const data = new FormData();
    for (const [name, value] of Object.entries({
      placeId: territory.community.id,
      kind: 'residents',
      mode: 'commit_valid',
      previewId,
    }))
      data.append(name, String(value));
    const response = await convenor.request({ method: 'POST', url: '/api/roster/imports', payload: data });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ rowCount: count, validCount: count - 1, previewId: null });
    expect(response.json().problems).toEqual([expect.objectContaining({ row: count + 1, code: 'roster.duplicate' })]);
    expect(response.json().summary).toEqual({ inserted: 0, updated: 0, unchanged: count - 1, skipped: 1 });
    expect(fs.readdirSync(path.join(dataDir, 'tmp'))).toEqual([]);
  });
});
