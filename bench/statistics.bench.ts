import type { Actor } from '../domain/access';
import type { Database } from '../server/db/client';
import { refreshFacts } from '../server/modules/statistics/statistics.facts';
import { aggregateFromSources } from '../server/modules/statistics/statistics-reference.repository';
import { readBehind, readStatistics } from '../server/modules/statistics/statistics.service';
import { percentile, type Bench, type BenchFigure } from './lib';

const TARGET_P95_MS = 300;
const MATTERS = 100_000;
const EVENTS_PER_MATTER = 10;
const CONCURRENCIES = [1, 4, 16];
const REQUESTS_PER_WORKER = 10;

/** The loop with the day (after raising) each stage is entered in the benchmark's matters. */
const stages = [
  ['raised', 0],
  ['accepted', 2],
  ['announced', 5],
  ['deliberating', 10],
  ['resolved', 20],
  ['implementing', 25],
  ['reviewed', 40],
  ['archived', 45],
] as const;

/**
 * A city of 4 towns × 10 communities with `matters` matters (100,000 unless told) raised over the
 * last 14 months, each gone as far as `g % 8` along the loop, with their stage entries, 10 audit
 * entries each, a meeting with invitations and sign-ins from deliberation on, tasks, follow-ups and
 * evaluations — all with set-based SQL (generate_series).
 *
 * Loaded as an import would be: on one connection with `session_replication_role = replica`, so no
 * trigger fires row by row or statement by statement (the statistics triggers marking matters dirty,
 * the foreign-key checks); afterwards every matter is marked dirty once, so the facts are built from
 * scratch on the first refresh (as after an import or migration).
 */
export async function buildCity(database: Database, matters = MATTERS): Promise<void> {
  const client = await database.pool.connect();
  try {
    await client.query('set session_replication_role = replica');
    await loadCity((text: string) => client.query(text), matters);
  } finally {
    await client.query('reset session_replication_role').catch(() => undefined);
    client.release();
  }
  await database.pool.query('insert into statistics_dirty (matter_id) select id from matters on conflict do nothing');
  await database.pool.query('vacuum analyze');
}

async function loadCity(q: (text: string) => Promise<unknown>, count: number): Promise<void> {
  await q(`insert into places (id, parent_id, kind, code, name, path, depth) overriding system value
           values (1, null, 'city', 'S1', '基准市', '/1/', 1)`);
  await q(`insert into places (id, parent_id, kind, code, name, path, depth) overriding system value
           select 2 + g, 1, 'town', 'S' || (2 + g), '街道' || g, '/1/' || (2 + g) || '/', 2 from generate_series(0, 3) g`);
  await q(`insert into places (id, parent_id, kind, code, name, path, depth) overriding system value
           select 10 + g, p.id, 'community', 'S' || (10 + g), '社区' || g, p.path || (10 + g) || '/', 3
           from generate_series(0, 39) g join places p on p.id = 2 + g / 10`);
  await q(`insert into accounts (id, phone, display_name) overriding system value values (1, '13700000001', '基准')`);
  await q(`insert into matters (id, place_id, place_path, level, kind, category, title, description, status,
             proposer_account_id, created_at, sealed_at) overriding system value
           select g + 1, p.id, p.path, 'community', (array['livelihood','dispute','public_affair'])[g % 3 + 1],
             (array['environment','facilities','property','collective','public-works','care','safety','rules','mediation','policy'])[g % 10 + 1],
             '事项' || g, '基准事项', (array['raised','accepted','announced','deliberating','resolved','implementing','reviewed','archived'])[g % 8 + 1],
             1, now() - ((g * 7919) % 420) * interval '1 day',
             case when g % 8 = 7 then now() - ((g * 7919) % 420) * interval '1 day' + interval '45 days' end
           from generate_series(0, ${count - 1}) g join places p on p.id = 10 + g % 40`);
  const values = stages.map(([s, d], i) => `(${i}, '${s}', ${d})`).join(', ');
  await q(`insert into matter_stage_entries (matter_id, status, entered_at)
           select m.id, s.status, m.created_at + s.days * interval '1 day'
           from matters m join (values ${values}) s(ord, status, days) on s.ord <= (m.id - 1) % 8`);
  await q(`insert into matter_events (matter_id, seq, actor_account_id, action, payload, payload_digest, prev_hash, hash, at)
           select m.id, e, 1, case when e = 1 then 'raise' else 'note' end, '{}'::jsonb, 'd', 'p', 'h',
             m.created_at + e * interval '1 hour'
           from matters m cross join generate_series(1, ${EVENTS_PER_MATTER}) e`);
  // A meeting for every matter that reached deliberation; six invited, four signed in (a sixth online).
  await q(`insert into meetings (matter_id, mode, starts_at, sign_in_code, status, created_by)
           select m.id, case when m.id % 6 = 0 then 'online' else 'on_site' end, m.created_at + interval '12 days', '1234', 'closed', 1
           from matters m where (m.id - 1) % 8 >= 3`);
  await q(`insert into invitations (matter_id, reason, outside_name)
           select mt.matter_id, 'outside', '部门' || i from meetings mt cross join generate_series(1, 6) i`);
  await q(`insert into sign_ins (meeting_id, invitation_id, method, at)
           select mt.id, i.id, 'staff', mt.starts_at
           from (select id, matter_id, row_number() over (partition by matter_id order by id) as rn from invitations) i
           join meetings mt on mt.matter_id = i.matter_id
           where i.rn <= 4`);
  await q(`insert into tasks (matter_id, title, owner_name, due_on, status, created_by)
           select m.id, '落实', '物业', (m.created_at + interval '35 days')::date,
             case when (m.id - 1) % 8 >= 6 or m.id % 5 = 0 then 'done' else 'open' end, 1
           from matters m where (m.id - 1) % 8 >= 5`);
  await q(`insert into follow_ups (matter_id, recorded_by, method, satisfaction, created_at)
           select m.id, 1, 'visit', 1 + m.id % 5, m.created_at + interval '38 days' from matters m where (m.id - 1) % 8 >= 6`);
  await q(`insert into evaluations (matter_id, score, outcome, is_dispute_resolved, account_id)
           select m.id, 80, case when m.id % 3 = 0 then 'neutral' else 'positive' end, m.kind = 'dispute', 1
           from matters m where m.status = 'archived'`);
  for (const table of [
    'places',
    'accounts',
    'matters',
    'meetings',
    'invitations',
    'sign_ins',
    'tasks',
    'follow_ups',
    'evaluations',
  ])
    await q(`select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`);
}

/** The same day `months` months away (YYYY-MM-DD; the day clamped to 28). */
function shiftMonth(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1 + months, Math.min(d, 28)));
  return t.toISOString().slice(0, 10);
}

async function time(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const bench: Bench = {
  name: 'statistics',
  async run(database) {
    const started = performance.now();
    await buildCity(database);
    const buildSeconds = (performance.now() - started) / 1000;
    const { db } = database;
    // Every matter was marked dirty by the bulk inserts: the first build of the facts, as after an import.
    const factsSeconds = (await time(() => refreshFacts(db))) / 1000;
    await database.pool.query('vacuum analyze statistics_facts');
    const facts = await database.pool.query<{ n: number }>('select count(*)::int as n from statistics_facts');
    const counts = await database.pool.query<{ matters: number; events: number; entries: number }>(
      `select (select count(*)::int from matters) as matters, (select count(*)::int from matter_events) as events,
              (select count(*)::int from matter_stage_entries) as entries`,
    );
    const cityOfficer: Actor = {
      accountId: 1,
      residentId: null,
      grants: [{ role: 'city_officer', placeId: 1, placePath: '/1/' }],
    };
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const year = { from: `${Number(today.slice(0, 4)) - 1}${today.slice(4, 7)}-01`, to: today };
    const month = { from: `${today.slice(0, 7)}-01`, to: today };
    // Matters a busy city changes between two dashboard reads (each read first rebuilds their facts).
    let changed = 0;
    const change = (n: number) =>
      database.pool.query(
        `update matters set updated_at = now() where id in (select 1 + (g * 7919 + ${changed++ * 104729}) % ${MATTERS} from generate_series(1, ${n}) g)`,
      );
    let views = 0;
    const cases: { name: string; run: () => Promise<unknown>; before?: () => Promise<unknown> }[] = [
      {
        name: 'city, 12 months by month',
        run: () => readStatistics(db, cityOfficer, { placeId: 1, ...year, groupBy: 'month' }),
      },
      {
        name: 'city, 12 months by month, 20 matters changed since the last read',
        before: () => change(20),
        run: () => readStatistics(db, cityOfficer, { placeId: 1, ...year, groupBy: 'month' }),
      },
      {
        name: 'city, 12 months by town',
        run: () => readStatistics(db, cityOfficer, { placeId: 1, ...year, groupBy: 'place' }),
      },
      {
        // Readers at once asking for different views (so none can wait for another's): a town or the
        // city, by month, place, category or level, over 12 months ending this month or a month earlier.
        name: 'different views, 12 months',
        run: () => {
          const v = views++;
          const end = v % 2 ? year : { from: shiftMonth(year.from, -1), to: `${shiftMonth(today, -1).slice(0, 7)}-01` };
          const groupBy = (['month', 'place', 'category', 'level'] as const)[Math.floor(v / 2) % 4]!;
          return readStatistics(db, cityOfficer, { placeId: [1, 2, 3, 4, 5][Math.floor(v / 8) % 5]!, ...end, groupBy });
        },
      },
      {
        name: 'town, 1 month by category',
        run: () => readStatistics(db, cityOfficer, { placeId: 2, ...month, groupBy: 'category' }),
      },
      {
        name: 'city drill-down, page 1',
        run: () =>
          readBehind(db, cityOfficer, { placeId: 1, ...year, figure: 'disputesResolved', page: 1, pageSize: 50 }),
      },
    ];
    for (const c of cases) for (let i = 0; i < 3; i++) await c.run();
    // Baseline in the same run: the same city figures aggregated straight from the source tables.
    const fromSources: number[] = [];
    const yearScope = { path: '/1/', ...year, today };
    for (let i = 0; i < 3; i++) fromSources.push(await time(() => aggregateFromSources(db, yearScope, 'month')));
    const baselineMs = percentile(fromSources, 50);

    const figures: BenchFigure[] = [];
    for (const c of cases) {
      const spread = c.name === 'city, 12 months by month' || c.name.startsWith('different');
      for (const concurrency of spread ? CONCURRENCIES : [1, 4]) {
        const sample: number[] = [];
        await Promise.all(
          Array.from({ length: concurrency }, async () => {
            for (let i = 0; i < REQUESTS_PER_WORKER; i++) {
              await c.before?.();
              sample.push(await time(c.run));
            }
          }),
        );
        const p95 = percentile(sample, 95);
        const p50 = percentile(sample, 50);
        figures.push({
          name: `${c.name}, ${concurrency} at once, p50`,
          value: p50,
          unit: 'ms',
          ...(concurrency === 1 ? { note: `${(baselineMs / p50).toFixed(1)} × faster than from the sources` } : {}),
        });
        figures.push({
          name: `${c.name}, ${concurrency} at once, p95`,
          value: p95,
          unit: 'ms',
          target: `< ${TARGET_P95_MS} ms`,
          isMet: p95 < TARGET_P95_MS,
        });
      }
    }
    const row = counts.rows[0]!;
    figures.unshift({
      name: 'city, 12 months by month, straight from the source tables (baseline, 1 at once), p50',
      value: baselineMs,
      unit: 'ms',
    });
    return {
      title: 'Statistics dashboard (100,000 matters, 1,000,000 audit entries)',
      figures,
      notes: [
        `${row.matters} matters in 40 communities of 4 towns over 14 months, ${row.events} audit entries, ${row.entries} stage entries, with meetings, invitations, sign-ins, tasks, follow-ups and evaluations; built and analysed in ${buildSeconds.toFixed(1)} s`,
        `facts built from scratch for all ${row.matters} matters (as after an import or the migration) in ${factsSeconds.toFixed(1)} s: ${facts.rows[0]!.n} fact rows`,
        `each call is the route's service (access check, period check, rebuild of dirty matters' facts, two aggregates over the facts and one over the votes); ${REQUESTS_PER_WORKER} calls per worker, workers at once as stated, asking for the same view unless "different views" (readers asking for a view already being computed wait for it: statistics.in-flight); "changed" cases touch that many matters (not timed) before each call, so the call rebuilds their facts`,
        'no ballot votes in this data set: the online-votes figure scans an empty table here',
      ],
    };
  },
};

export default bench;
