import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../server/db/client';

/** Place ids by level of the benchmark city: each level's ids start here, so parents are arithmetic. */
export const CITY = {
  city: 1,
  townFirst: 2,
  communityFirst: 10,
  estateFirst: 100,
  buildingFirst: 1_000,
  unitFirst: 10_000,
} as const;
export const DWELLINGS_PER_UNIT = 250;

/**
 * A city in SQL, as the roster would hold it: 1 city → 5 towns → 50 communities (10 a town) → 2
 * estates a community → 10 buildings an estate → 2 units a building (2,000 units) → `dwellings` spread
 * evenly over the units,
 * one household in each. Codes: places `C<id>`, dwellings `CD<n>`, households `CH<n>` (n from 0).
 */
export async function buildCity(database: Database, dwellings: number): Promise<{ seconds: number }> {
  const started = performance.now();
  const q = (text: string) => database.pool.query(text);
  await q(`insert into places (id, parent_id, kind, code, name, path, depth) overriding system value
           values (${CITY.city}, null, 'city', 'C1', '基准市', '/1/', 1)`);
  const levels = [
    { kind: 'town', first: CITY.townFirst, count: 5, parentFirst: CITY.city, perParent: 5, depth: 2 },
    { kind: 'community', first: CITY.communityFirst, count: 50, parentFirst: CITY.townFirst, perParent: 10, depth: 3 },
    { kind: 'estate', first: CITY.estateFirst, count: 100, parentFirst: CITY.communityFirst, perParent: 2, depth: 4 },
    {
      kind: 'building',
      first: CITY.buildingFirst,
      count: 1_000,
      parentFirst: CITY.estateFirst,
      perParent: 10,
      depth: 5,
    },
    { kind: 'unit', first: CITY.unitFirst, count: 2_000, parentFirst: CITY.buildingFirst, perParent: 2, depth: 6 },
  ];
  for (const l of levels) {
    await q(`insert into places (id, parent_id, kind, code, name, path, depth) overriding system value
             select ${l.first} + g, p.id, '${l.kind}', 'C' || (${l.first} + g), '${l.kind} ' || g,
                    p.path || (${l.first} + g) || '/', ${l.depth}
             from generate_series(0, ${l.count - 1}) g join places p on p.id = ${l.parentFirst} + g / ${l.perParent}`);
  }
  const perUnit = Math.ceil(dwellings / 2_000);
  await q(`insert into dwellings (id, place_id, place_path, code, room, floor, area_centi) overriding system value
           select g + 1, p.id, p.path, 'CD' || g, (g % ${perUnit})::text, (g % ${perUnit}) / 10 + 1, 6000 + (g * 37) % 9000
           from generate_series(0, ${dwellings - 1}) g join places p on p.id = ${CITY.unitFirst} + g / ${perUnit}`);
  await q(`insert into households (id, code, place_id, place_path, dwelling_id) overriding system value
           select id, 'CH' || (id - 1), place_id, place_path, id from dwellings`);
  for (const table of ['places', 'dwellings', 'households']) {
    await q(`select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`);
  }
  await q('vacuum analyze');
  return { seconds: (performance.now() - started) / 1000 };
}

/** The unit (place code) that dwelling `n` hangs on. */
export const unitCodeOf = (dwelling: number, dwellings: number) =>
  `C${CITY.unitFirst + Math.floor(dwelling / Math.ceil(dwellings / 2_000))}`;

/** A staff account with `role` over `placeId` and a live session; returns the session token. */
export async function staffSession(database: Database, role: string, placeId: number, n: number): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  const hash = createHash('sha256').update(token).digest('hex');
  await database.pool.query(
    `with a as (insert into accounts (phone, display_name) values ($1, $2) returning id),
          g as (insert into role_grants (account_id, role, place_id) select id, $4, $5 from a)
     insert into sessions (token_hash, account_id, expires_at) select $3, id, now() + interval '1 day' from a`,
    [`1360000${String(n).padStart(4, '0')}`, `基准工作人员${n}`, hash, role, placeId],
  );
  return token;
}

/** Resident memory (MiB) of a process and its child processes (cluster workers, if any), from /proc. */
export function rssMiB(pid: number, field: 'VmRSS' | 'VmHWM', read: (file: string) => string): number {
  const one = (p: number) =>
    Number(read(`/proc/${p}/status`).match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0);
  let children: number[] = [];
  try {
    children = read(`/proc/${pid}/task/${pid}/children`).split(/\s+/).filter(Boolean).map(Number);
  } catch {
    children = [];
  }
  return (one(pid) + children.reduce((sum, child) => sum + one(child), 0)) / 1024;
}
