import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rosterColumns } from '../../../domain/roster';
import { ownerships, residents, rosterImports } from '../../db/schema';
import { buildTestApp, type TestApp, type TestClient } from '../../test/build-test-app';
import { buildDwelling, buildStaff, buildTerritory } from '../../test/factories';

const HEADER = rosterColumns.residents.map((c) => c.header).join(',');
const csv = (rows: string[]) => ({ name: '居民.csv', body: Buffer.from([HEADER, ...rows].join('\r\n'), 'utf8') });

function upload(client: TestClient, fields: Record<string, string>, file: { name: string; body: Buffer }) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  data.append('file', new Blob([new Uint8Array(file.body)]), file.name);
  return client.request({ method: 'POST', url: '/api/roster/imports', payload: data });
}

describe('residents import: place from the dwelling, acknowledged warnings, impossible dates', () => {
  let t: TestApp;
  let territory: Awaited<ReturnType<typeof buildTerritory>>;
  let convenor: TestClient;
  let accountId: number;
  let flat: { code: string; id: number };
  let other: { code: string; id: number };
  const stored = (prefix: string) =>
    t.database.db
      .select({ code: residents.code, placeId: residents.placeId, dwellingId: residents.dwellingId })
      .from(residents)
      .where(like(residents.code, `${prefix}%`))
      .orderBy(residents.code);

  beforeAll(async () => {
    t = await buildTestApp();
    const db = t.database.db;
    territory = await buildTerritory(db);
    flat = await buildDwelling(db, { placeId: territory.unit1.id, room: '301' });
    other = await buildDwelling(db, { placeId: territory.unit2.id, room: '302' });
    const staff = await buildStaff(db, { role: 'convenor', placeId: territory.community.id });
    accountId = staff.id;
    convenor = await t.loginByCode(staff.phone);
  });
  afterAll(async () => t.close());

  const fields = (mode: string, extra: Record<string, string> = {}) => ({
    placeId: String(territory.community.id),
    kind: 'residents',
    mode,
    ...extra,
  });

  it('validates and commits a row that gives 居住房屋编码 and leaves 所属区划编码 blank (no 500)', async () => {
    const file = csv([`PD-1,沈明,男,1980-05-06,,,${flat.code},,家庭成员,`]);
    const checked = await upload(convenor, fields('validate'), file);
    expect(checked.statusCode).toBe(200);
    expect(checked.json()).toMatchObject({ validCount: 1, problems: [], warnings: [] });
    const committed = await upload(convenor, fields('commit'), file);
    expect(committed.statusCode).toBe(200);
    expect(committed.json().summary).toEqual({ inserted: 1, updated: 0, unchanged: 0, skipped: 0 });
    expect(await stored('PD-')).toEqual([{ code: 'PD-1', placeId: territory.unit1.id, dwellingId: flat.id }]);
  });

  it("inserts new residents and updates known ones in one file, replacing only the updated ones' ownerships", async () => {
    const ownedBy = async (code: string) =>
      (
        await t.database.db
          .select({ dwellingId: ownerships.dwellingId })
          .from(ownerships)
          .innerJoin(residents, eq(residents.id, ownerships.residentId))
          .where(eq(residents.code, code))
      ).map((o) => o.dwellingId);
    const first = await upload(
      convenor,
      fields('commit'),
      csv([`MX-1,沈一,男,1970-01-02,,,${flat.code},,业主,${flat.code}`]),
    );
    expect(first.json().summary).toEqual({ inserted: 1, updated: 0, unchanged: 0, skipped: 0 });
    const second = await upload(
      convenor,
      fields('commit'),
      csv([
        `MX-1,沈一,男,1970-01-02,,,${flat.code},,业主,${other.code}`,
        `MX-2,沈二,女,1972-03-04,,,${flat.code},,业主,${flat.code}`,
      ]),
    );
    expect(second.json().summary).toEqual({ inserted: 1, updated: 1, unchanged: 0, skipped: 0 });
    expect(await ownedBy('MX-1')).toEqual([other.id]);
    expect(await ownedBy('MX-2')).toEqual([flat.id]);
  });

  it('refuses a row whose place and dwelling disagree', async () => {
    const response = await upload(
      convenor,
      fields('validate'),
      csv([`PD-2,沈亮,男,1980-05-06,,,${flat.code},${territory.unit2.code},家庭成员,`]),
    );
    expect(response.json().problems).toEqual([
      expect.objectContaining({ row: 2, column: '居住房屋编码', code: 'roster.dwelling_outside_place' }),
    ]);
  });

  it('says 1990-02-30 does not exist, and 1990-2 is in the wrong format', async () => {
    const response = await upload(
      convenor,
      fields('validate'),
      csv([`PD-3,沈红,女,1990-02-30,,,${flat.code},,家庭成员,`, `PD-4,沈兰,女,1990-2,,,${flat.code},,家庭成员,`]),
    );
    expect(response.json().problems).toEqual([
      expect.objectContaining({
        row: 2,
        code: 'roster.date_nonexistent',
        message: '日期不存在（格式正确，但没有这一天）',
      }),
      expect.objectContaining({ row: 3, code: 'validation.date', message: '日期格式应为 YYYY-MM-DD' }),
    ]);
  });

  describe('an owner without property and a tenant with property', () => {
    const file = () =>
      csv([
        `PW-1,韩梅,女,1970-01-01,,,${flat.code},,业主,`,
        `PW-2,韩雪,女,1995-01-01,,,${other.code},,租户,${other.code}`,
        `PW-3,韩冰,男,1972-01-01,,,${flat.code},,业主,${flat.code}`,
      ]);

    it('shows both as warnings in the preview, rows still valid', async () => {
      const response = await upload(convenor, fields('validate'), file());
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ rowCount: 3, validCount: 3, problems: [] });
      expect(response.json().warnings).toEqual([
        {
          row: 2,
          column: '产权房屋编码',
          value: '',
          code: 'roster.owner_without_property',
          message: '身份为业主但未填产权房屋编码：此人不会计入任何业主表决',
        },
        {
          row: 3,
          column: '产权房屋编码',
          value: other.code,
          code: 'roster.tenant_with_property',
          message: '身份为租户却填了产权房屋编码，请核对身份',
        },
      ]);
    });

    it('refuses a commit without the acknowledgement with a stable code, writing nothing', async () => {
      for (const mode of ['commit', 'commit_valid']) {
        const response = await upload(convenor, fields(mode), file());
        expect(response.statusCode).toBe(422);
        expect(response.json().error).toMatchObject({
          code: 'roster.warnings_unacknowledged',
          field: 'acknowledgeWarnings',
          message: '有 2 条提醒需要确认后才能导入',
        });
        expect(response.json().error.details.warnings).toHaveLength(2);
      }
      expect(await stored('PW-')).toEqual([]);
    });

    it('commits with the acknowledgement and records how many warnings were acknowledged', async () => {
      const response = await upload(convenor, fields('commit', { acknowledgeWarnings: 'true' }), file());
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ committed: true, summary: { inserted: 3 } });
      expect((await stored('PW-')).map((r) => r.code)).toEqual(['PW-1', 'PW-2', 'PW-3']);
      const [owner] = await t.database.db.select().from(residents).where(eq(residents.code, 'PW-3'));
      expect(await t.database.db.select().from(ownerships).where(eq(ownerships.residentId, owner!.id))).toHaveLength(1);
      const [log] = await t.database.db
        .select()
        .from(rosterImports)
        .where(eq(rosterImports.accountId, accountId))
        .orderBy(rosterImports.id)
        .then((rows) => rows.slice(-1));
      expect(log).toMatchObject({ kind: 'residents', inserted: 3, warningsAcknowledged: 2 });
    });

    it('records no acknowledgement for a file without warnings', async () => {
      const response = await upload(
        convenor,
        fields('commit', { acknowledgeWarnings: 'true' }),
        csv([`PW-5,韩松,男,1972-01-01,,,${flat.code},,家庭成员,`]),
      );
      expect(response.statusCode).toBe(200);
      const logs = await t.database.db.select().from(rosterImports).orderBy(rosterImports.id);
      expect(logs.at(-1)).toMatchObject({ inserted: 1, warningsAcknowledged: 0 });
    });
  });
});
