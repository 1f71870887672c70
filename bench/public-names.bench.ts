/**
 * The public-text redactor's name look-up at a city's scale (issue 16): 1,000,000 residents built in
 * SQL (a surname and two characters each, as real names are), a few staff accounts, and `namesIn` —
 * the lengths names have, then every substring of those lengths of the texts, one index probe each —
 * timed in process for the texts public pages and the confirm screen redact: a matter's title,
 * minutes that repeat their phrases as minutes do, and texts that never repeat (the worst case for
 * the number of probes), up to the 20,000 characters a confirmed text may hold.
 */
import type { Database } from '../server/db/client';
import { namesIn } from '../server/modules/publication';
import { percentile, type Bench, type BenchFigure } from './lib';

const RESIDENTS = Number(process.env.BENCH_NAMES_RESIDENTS ?? 1_000_000);
const REPEATS = 40;
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '欧阳', '司马'];

async function buildResidents(database: Database): Promise<void> {
  const q = (text: string) => database.pool.query(text);
  await q(`insert into places (id, parent_id, kind, code, name, path, depth) overriding system value
           values (1, null, 'city', 'N1', '基准市', '/1/', 1)`);
  const surnames = `array[${SURNAMES.map((s) => `'${s}'`).join(',')}]`;
  await q(`insert into residents (code, name, birth_date, place_id, place_path, tenure)
           select 'NR' || g, (${surnames})[1 + g % ${SURNAMES.length}]
                  || chr(19968 + (g / ${SURNAMES.length}) % 2999) || chr(19968 + (g * 7) % 2999),
                  '1980-01-01', 1, '/1/', 'owner'
           from generate_series(1, ${RESIDENTS}) g`);
  await q(`insert into accounts (phone, display_name) values ('13700000001', '沈主任'), ('13700000002', '陆一鸣')`);
  await q(`insert into role_grants (account_id, role, place_id)
           select id, 'convenor', 1 from accounts where display_name = '沈主任'`);
  await q('vacuum analyze');
}

/** `length` characters of CJK text that never repeats a pair, from a fixed seed. */
function neverRepeating(length: number): string {
  let seed = 7;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return Array.from({ length }, () => String.fromCharCode(19968 + Math.floor(next() * 20_000))).join('');
}

async function timeLookups(database: Database, text: string): Promise<{ p50: number; p95: number; names: number }> {
  const times: number[] = [];
  let names = 0;
  for (let i = 0; i < REPEATS; i += 1) {
    const started = performance.now();
    names = (await namesIn(database.db, [text])).size;
    times.push(performance.now() - started);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), names };
}

const bench: Bench = {
  name: 'public-names',
  async run(database) {
    const started = performance.now();
    await buildResidents(database);
    const buildSeconds = (performance.now() - started) / 1000;
    const resident = `王${String.fromCharCode(19968 + 1)}${String.fromCharCode(19968 + 7 * 14)}`;
    const paragraph = `会议由沈主任主持，${resident}发言，陆一鸣附议；大家同意加装电梯，费用按面积分摊，联系电话13812345678。`;
    const cases: [string, string][] = [
      ['a matter title (16 characters)', `5幢2单元加装电梯，${resident}牵头`],
      [`minutes repeating their phrases (${paragraph.length * 55} characters)`, paragraph.repeat(55)],
      ['3,000 characters that never repeat', neverRepeating(3_000) + resident],
      ['20,000 characters that never repeat (the longest confirmed text)', neverRepeating(20_000) + resident],
    ];
    const figures: BenchFigure[] = [];
    const found: string[] = [];
    for (const [name, text] of cases) {
      const { p50, p95, names } = await timeLookups(database, text);
      figures.push({ name: `${name}: p50`, value: p50, unit: 'ms' });
      figures.push({ name: `${name}: p95`, value: p95, unit: 'ms' });
      found.push(`${name}: ${names}`);
    }
    return {
      title: `Names of public texts looked up among ${RESIDENTS.toLocaleString('en')} residents (in process)`,
      figures,
      notes: [
        `residents built in SQL in ${buildSeconds.toFixed(0)} s; ${REPEATS} look-ups a text, one after another, on the bench database's pool`,
        `names found: ${found.join('; ')}`,
      ],
    };
  },
};
export default bench;
