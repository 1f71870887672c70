import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_NAME_LENGTH } from '../../../domain/publication/name-matcher';
import { redactPublicText } from '../../../domain/publication/public-text';
import type { Db, DbOrTx } from '../../db/client';
import { accounts, invitations } from '../../db/schema';
import { createTestDatabase } from '../../test/database';
import { buildResident, buildStaff, buildTerritory } from '../../test/factories';
import { buildMatter } from '../../test/matter-factories';
import { namesIn } from './publication.directory';

/**
 * A city of 100,000 residents: a text's names are looked up in the database, exactly the names that
 * occur in it, with their kind, and a change of name counts at once.
 */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;
let placeId: number;
let staffId: number;
const RESIDENTS = 100_000;

/** Three CJK characters from a number: the city's generated names. */
const nameOf = (i: number) =>
  String.fromCharCode(19968 + (i % 2999)) +
  String.fromCharCode(19968 + (Math.floor(i / 2999) % 2999)) +
  (i % 3 === 0 ? '' : String.fromCharCode(20000 + ((i * 7) % 2999)));

/** The names found in these texts, one entry a name with the kind that wins. */
async function namesInTexts(on: DbOrTx, texts: string[]) {
  const directory = await namesIn(on, texts);
  return directory.matcher.names.map((name, i) => ({ name, kind: directory.kindOf(i) }));
}

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  const territory = await buildTerritory(db);
  placeId = territory.unit2.id;
  await buildResident(db, { placeId, name: '欧阳秋菊' });
  // Stored untrimmed (as an old import might have): matched as its trimmed text.
  await buildResident(db, { placeId, name: ' 钱塘 ' });
  staffId = (await buildStaff(db, { role: 'convenor', placeId: territory.community.id, name: '沈主任' })).id;
  await db.insert(accounts).values({ phone: '13600000001', displayName: '陆一鸣' });
  const matter = await buildMatter(db, { placeId, proposerAccountId: staffId });
  await db
    .insert(invitations)
    .values({ matterId: matter.id, reason: 'outside', outsideName: '桐乡市住房和城乡建设局' });
  // Names of two or three CJK characters: the first two alone make every name distinct.
  await db.execute(sql`
    insert into residents (code, name, birth_date, place_id, place_path, tenure)
    select 'BENCH-' || i, chr(19968 + i % 2999) || chr(19968 + (i / 2999) % 2999)
           || case when i % 3 = 0 then '' else chr(20000 + (i * 7) % 2999) end,
           '1980-01-01', r.place_id, r.place_path, 'owner'
      from generate_series(1, ${RESIDENTS - 1}) i, (select place_id, place_path from residents limit 1) r`);
  await db.execute(sql`analyze`);
}, 120_000);
afterAll(async () => database.close());

describe('names looked up in the database', () => {
  it('finds exactly the names a long text contains among 100,000, as a brute force over every name does', async () => {
    const picked = [17, 3_000, 45_001, 99_998].map(nameOf);
    const text = `会议由沈主任主持，欧阳秋菊发言，${picked.join('、')}附议。联系电话138 1234 5678。`.repeat(30);
    const started = performance.now();
    const entries = await namesInTexts(db, [text]);
    const lookupMs = performance.now() - started;
    const found = new Set(entries.map((e) => e.name));
    const { rows } = await db.execute<{ name: string }>(sql`
      select distinct btrim(name) as name from residents union select btrim(display_name) from accounts`);
    const brute = new Set(rows.map((r) => r.name).filter((n) => n.length >= MIN_NAME_LENGTH && text.includes(n)));
    expect(brute.has('欧阳秋菊')).toBe(true);
    expect(found).toEqual(brute);
    console.info(`names in a ${text.length}-character text among ${RESIDENTS} residents: ${lookupMs.toFixed(1)} ms`);
    const directory = await namesIn(db, [text]);
    expect(redactPublicText('欧阳秋菊发言，沈主任主持', directory).text).toBe('居民A发言，社区工作人员主持');
  });

  it('gives each name its kind: staff, an account without a staff role, an outside party, a trimmed resident', async () => {
    const text = '沈主任、陆一鸣、桐乡市住房和城乡建设局与钱塘座谈';
    const entries = await namesInTexts(db, [text]);
    expect(entries).toEqual(
      expect.arrayContaining([
        { name: '沈主任', kind: 'staff' },
        { name: '陆一鸣', kind: 'resident' },
        { name: '桐乡市住房和城乡建设局', kind: 'outside' },
        { name: '钱塘', kind: 'resident' },
      ]),
    );
    const redacted = redactPublicText(text, await namesIn(db, [text]));
    expect(redacted.text).toBe('社区工作人员、居民A、受邀方与居民B座谈');
  });

  it('counts a new or changed name at once, and finds nothing in empty or one-character texts', async () => {
    expect(await namesInTexts(db, ['司马长风来了'])).toEqual([]);
    const resident = await buildResident(db, { placeId, name: '司马长风' });
    expect(await namesInTexts(db, ['司马长风来了'])).toEqual([{ name: '司马长风', kind: 'resident' }]);
    await db.execute(sql`update residents set name = '司马短风' where id = ${resident.id}`);
    expect(await namesInTexts(db, ['司马长风来了'])).toEqual([]);
    expect(await namesInTexts(db, [])).toEqual([]);
    expect(await namesInTexts(db, ['', '沈'])).toEqual([]);
  });

  it('looks even the longest text up through the indexes: no resident is read by a scan of the table', async () => {
    // 20,000 characters that never repeat a pair (~60,000 substrings to probe), then two names.
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const filler = Array.from({ length: 20_000 }, () => String.fromCharCode(40_000 + Math.floor(next() * 900))).join(
      '',
    );
    const text = `${filler}会议由沈主任主持，欧阳秋菊发言。`;
    const [before, after] = await db.transaction(async (tx) => {
      // This backend's counters not yet flushed, which grow within a transaction only by what it reads.
      const counters = async () => {
        const { rows } = await tx.execute<{ seq: string; idx: string }>(sql`
          select coalesce(seq_tup_read, 0) as seq, coalesce(idx_scan, 0) as idx
            from pg_stat_xact_user_tables where relname = 'residents'`);
        return { seq: Number(rows[0]!.seq), idx: Number(rows[0]!.idx) };
      };
      const start = await counters();
      expect((await namesInTexts(tx, [text])).map((e) => e.name).sort()).toEqual(['欧阳秋菊', '沈主任']);
      return [start, await counters()];
    });
    expect(after!.seq - before!.seq).toBe(0);
    expect(after!.idx - before!.idx).toBeGreaterThan(0);
  });
});
