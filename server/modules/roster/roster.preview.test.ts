import { like } from 'drizzle-orm';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterColumns } from '../../../domain/roster';
import { residents, rosterImports } from '../../db/schema';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { buildStaff, buildTerritory } from '../../test/factories';
import { PREVIEW_TTL_MS, sweepPreviews } from './roster.preview';

type Form = { placeId: number; kind?: string; mode: string; previewId?: string; file?: Buffer; acknowledge?: boolean };

function upload(client: TestClient, form: Form) {
  const data = new FormData();
  data.append('placeId', String(form.placeId));
  data.append('kind', form.kind ?? 'residents');
  data.append('mode', form.mode);
  if (form.acknowledge) data.append('acknowledgeWarnings', 'true');
  if (form.previewId !== undefined) data.append('previewId', form.previewId);
  if (form.file) data.append('file', new Blob([new Uint8Array(form.file)]), '居民名册.csv');
  return client.request({ method: 'POST', url: '/api/roster/imports', payload: data });
}

describe('a preview kept for its commit', () => {
  let t: TestApp;
  let dataDir: string;
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  let convenor: TestClient;
  let colleague: TestClient;
  let convenorId: number;

  beforeAll(async () => {
    // Its own data folder: other test files' previews (same account ids, other databases) stay apart.
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-preview-'));
    t = await buildTestApp({ YISHI_DATA_DIR: dataDir });
    territory = await buildTerritory(t.database.db);
    const staff = await buildStaff(t.database.db, { role: 'convenor', placeId: territory.community.id });
    convenorId = staff.id;
    const other = await buildStaff(t.database.db, { role: 'convenor', placeId: territory.community.id });
    convenor = await t.loginByCode(staff.phone);
    colleague = await t.loginByCode(other.phone);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const header = rosterColumns.residents.map((c) => c.header).join(',');
  const row = (code: string, birth = '1980-01-02') => `${code},钱晓梅,女,${birth},,,,${territory.unit1.code},租户,`;
  const csv = (...rows: string[]) => Buffer.from([header, ...rows].join('\n'), 'utf8');
  const kept = () => fs.readdirSync(path.join(dataDir, 'tmp')).filter((name) => name.startsWith('roster-preview-'));
  const written = (prefix: string) =>
    t.database.db
      .select({ code: residents.code })
      .from(residents)
      .where(like(residents.code, `${prefix}%`));
  const preview = async (file: Buffer, client = convenor) => {
    const response = await upload(client, { placeId: territory.community.id, mode: 'validate', file });
    expect(response.statusCode).toBe(200);
    return response.json() as { previewId: string; rowCount: number; problems: unknown[] };
  };

  it('commits the rows it previewed without the file, once', async () => {
    const reply = await preview(csv(row('R-KEEP-1'), row('R-KEEP-2')));
    expect(reply.previewId).toMatch(/^[0-9a-f-]{36}$/);
    expect(reply.rowCount).toBe(2);
    expect(kept()).toEqual([`roster-preview-${convenorId}-${territory.community.id}-residents-${reply.previewId}.v8`]);

    const commit = await upload(convenor, {
      placeId: territory.community.id,
      mode: 'commit',
      previewId: reply.previewId,
    });
    expect(commit.statusCode).toBe(200);
    expect(commit.json()).toMatchObject({ committed: true, fileName: '居民名册.csv', previewId: null });
    expect(commit.json().summary).toEqual({ inserted: 2, updated: 0, unchanged: 0, skipped: 0 });
    expect((await written('R-KEEP-')).map((r) => r.code).sort()).toEqual(['R-KEEP-1', 'R-KEEP-2']);
    const [log] = await t.database.db.select().from(rosterImports).orderBy(rosterImports.id).limit(1);
    expect(log?.fileName).toBe('居民名册.csv');

    // Committed: the preview is gone, and naming it again is refused with its own code.
    expect(kept()).toEqual([]);
    const again = await upload(convenor, {
      placeId: territory.community.id,
      mode: 'commit',
      previewId: reply.previewId,
    });
    expect(again.statusCode).toBe(404);
    expect(again.json().error).toMatchObject({ code: 'roster.preview_gone', field: 'previewId' });
  });

  it('keeps a refused preview for the next try, and skips its bad rows when asked', async () => {
    const reply = await preview(csv(row('R-BAD-1'), row('R-BAD-2', '1990-13-40')));
    expect(reply.problems).toHaveLength(1);
    const refused = await upload(convenor, {
      placeId: territory.community.id,
      mode: 'commit',
      previewId: reply.previewId,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('roster.file_invalid');
    expect(refused.json().error.details.previewId).toBe(reply.previewId);
    expect(await written('R-BAD-')).toEqual([]);

    const valid = await upload(convenor, {
      placeId: territory.community.id,
      mode: 'commit_valid',
      previewId: reply.previewId,
    });
    expect(valid.statusCode).toBe(200);
    expect(valid.json().summary).toEqual({ inserted: 1, updated: 0, unchanged: 0, skipped: 1 });
    expect((await written('R-BAD-')).map((r) => r.code)).toEqual(['R-BAD-1']);
  });

  it("is no one else's, and only for the place and kind it was made for", async () => {
    const reply = await preview(csv(row('R-OWN-1')));
    const id = reply.previewId;
    const tries = [
      upload(colleague, { placeId: territory.community.id, mode: 'commit', previewId: id }),
      upload(convenor, { placeId: territory.unit1.id, mode: 'commit', previewId: id }),
      upload(convenor, { placeId: territory.community.id, kind: 'households', mode: 'commit', previewId: id }),
    ];
    for (const response of await Promise.all(tries)) {
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('roster.preview_gone');
    }
    expect(await written('R-OWN-')).toEqual([]);
    expect(kept()).toHaveLength(1);
  });

  it('keeps one preview per account, and none past its hour', async () => {
    const first = await preview(csv(row('R-ONE-1')));
    const second = await preview(csv(row('R-ONE-2')));
    expect(kept()).toEqual([expect.stringContaining(second.previewId)]);
    const stale = await upload(convenor, {
      placeId: territory.community.id,
      mode: 'commit',
      previewId: first.previewId,
    });
    expect(stale.statusCode).toBe(404);

    // An hour later the preview can no longer be committed, and the next preview anyone makes removes it.
    const file = path.join(dataDir, 'tmp', kept()[0]!);
    const hourAgo = new Date(Date.now() - PREVIEW_TTL_MS - 1000);
    fs.utimesSync(file, hourAgo, hourAgo);
    const late = await upload(convenor, {
      placeId: territory.community.id,
      mode: 'commit',
      previewId: second.previewId,
    });
    expect(late.statusCode).toBe(404);
    expect(late.json().error.code).toBe('roster.preview_gone');
    await preview(csv(row('R-ONE-3')), colleague);
    expect(kept().filter((name) => name.includes(second.previewId))).toEqual([]);
    expect(await written('R-ONE-')).toEqual([]);
  });

  it('leaves no expired preview on disk, whoever made it, and touches nothing else', async () => {
    const dir = path.join(dataDir, 'tmp');
    for (const name of fs.readdirSync(dir)) fs.rmSync(path.join(dir, name));
    const young = await preview(csv(row('R-SWEEP-1')));
    const old = path.join(dir, `roster-preview-999-1-residents-${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}.v8`);
    const piece = path.join(dir, 'roster-preview-998-1-residents-x.v8.part');
    const stray = path.join(dir, 'roster-import-x.upload');
    for (const file of [old, piece, stray]) fs.writeFileSync(file, 'x');
    const hourAgo = new Date(Date.now() - PREVIEW_TTL_MS);
    fs.utimesSync(old, hourAgo, hourAgo);
    fs.utimesSync(piece, hourAgo, hourAgo);
    await sweepPreviews(dir, null);
    const left = fs.readdirSync(dir);
    expect(left).toHaveLength(2);
    expect(left).toContain('roster-import-x.upload');
    expect(left.filter((name) => name.includes(young.previewId))).toHaveLength(1);
    fs.rmSync(stray);
  });

  it('refuses what is not a preview id, and a preview without its file', async () => {
    const cases: [Form, string, string][] = [
      [{ placeId: 0, mode: 'commit', previewId: '../../etc/passwd' }, 'previewId', 'validation.wrong_type'],
      [
        { placeId: 0, mode: 'commit', previewId: 'ABCDEF00-0000-4000-8000-000000000000' },
        'previewId',
        'validation.wrong_type',
      ],
      [
        { placeId: 0, mode: 'validate', previewId: '00000000-0000-4000-8000-000000000000' },
        'file',
        'roster.file_missing',
      ],
      [{ placeId: 0, mode: 'commit' }, 'file', 'roster.file_missing'],
    ];
    for (const [form, field, code] of cases) {
      const response = await upload(convenor, { ...form, placeId: territory.community.id });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ field, code });
    }
  });

  it('does not keep a file it could not read', async () => {
    for (const name of kept()) fs.rmSync(path.join(dataDir, 'tmp', name));
    const response = await upload(convenor, {
      placeId: territory.community.id,
      mode: 'validate',
      file: Buffer.from('姓名\n钱晓梅\n', 'utf8'),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('roster.headers_missing');
    expect(kept()).toEqual([]);
    const empty = await upload(convenor, { placeId: territory.community.id, mode: 'validate', file: csv() });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('roster.empty');
    expect(fs.readdirSync(path.join(dataDir, 'tmp')).filter((n) => n.includes('roster-'))).toEqual([]);
  });
});
