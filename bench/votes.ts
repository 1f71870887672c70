/**
 * `npm run bench:votes`: online votes over HTTP against the real app (its own process on a fresh
 * database of the embedded PostgreSQL, or DATABASE_URL's server) from 64 concurrent clients, beside
 * the machine's one-row-commit ceiling measured in the same run; then checks that every
 * acknowledged vote is stored, and times closing a 100,000-owner Art. 278 ballot. Rewrites the
 * "Votes" section of docs/benchmarks.md (between its markers) with the machine and date.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import type { Database } from '../server/db/client';
import { ballots } from '../server/db/schema';
import { closeBallot } from '../server/modules/ballots/tally/close';
import { castVote, voteHash, type CastInput } from '../server/modules/ballots/casting/cast';
import { tallyBallot } from '../server/modules/ballots/tally/tally';
import { VoteWriter } from '../server/modules/ballots/casting/vote-writer';
import { startAppProcess } from '../server/test/app-process';
import { buildVotingCrowd } from '../server/test/ballot-crowd.fixtures';
import { openBenchDatabase, percentile } from './lib';

const VOTERS = Number(process.env.BENCH_VOTERS ?? 5_000);
const CLIENTS = 64;
const OWNERS = 100_000;
const TALLY_TARGET_MS = 200;
const P99_TARGET_MS = 100;
const DIRECT_VOTES = 3_000;

const format = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

/** Like pgbench's simplest script: one-row INSERT, one transaction each, from `clients` connections. */
async function commitCeiling(url: string, clients: number, seconds: number): Promise<number> {
  const connections = await Promise.all(
    Array.from({ length: clients }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  await connections[0]!.query(
    'create table if not exists bench_commits (id bigserial primary key, at timestamptz default now())',
  );
  let commits = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    connections.map(async (client) => {
      while (performance.now() < until) {
        await client.query('insert into bench_commits default values');
        commits += 1;
      }
    }),
  );
  const rate = commits / ((performance.now() - started) / 1000);
  await Promise.all(connections.map((c) => c.end()));
  return rate;
}

/**
 * The floor under any authenticated request in this setup: every voter asks once for an /api/ path
 * that no route serves, so the app does exactly the session lookup (onRequest) and a 404 reply, from
 * the same 64 clients. Votes/s cannot usefully exceed this.
 */
async function sessionBurst(baseUrl: string, tokens: string[]) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < tokens.length) {
        const i = next++;
        const sent = performance.now();
        const response = await fetch(`${baseUrl}/api/bench-floor`, {
          headers: { cookie: `yishi_session=${tokens[i]}` },
        });
        await response.arrayBuffer();
        latencies.push(performance.now() - sent);
      }
    }),
  );
  return { perSecond: tokens.length / ((performance.now() - started) / 1000), latencies };
}

/** Every voter votes once over HTTP; 64 clients each take the next voter until none is left. */
async function voteBurst(baseUrl: string, ballotId: number, tokens: string[]) {
  const latencies: number[] = [];
  const receipts: string[] = [];
  const refusals = new Map<string, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < tokens.length) {
        const i = next++;
        const sent = performance.now();
        const response = await fetch(`${baseUrl}/api/ballots/${ballotId}/votes`, {
          method: 'POST',
          headers: {
            cookie: `yishi_session=${tokens[i]}; yishi_csrf=bench`,
            'x-csrf-token': 'bench',
            'content-type': 'application/json',
          },
          body: JSON.stringify({ choice: i % 7 === 0 ? 'against' : 'for' }),
        });
        const body = (await response.json()) as { receipt?: string; error?: { code: string } };
        latencies.push(performance.now() - sent);
        if (response.status === 201 && body.receipt) receipts.push(body.receipt);
        else {
          const key = `${response.status} ${body.error?.code}`;
          refusals.set(key, (refusals.get(key) ?? 0) + 1);
        }
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies, receipts, refusals };
}

const writerStats = { batches: 0, votes: 0, firstVotes: 0 };

/** The same votes without HTTP: through a VoteWriter, or each in its own transaction (no group commit). */
async function directVotes(database: Database, mode: 'writer' | 'one-per-transaction') {
  const crowd = await buildVotingCrowd(database.db, { voters: DIRECT_VOTES });
  const writer = new VoteWriter(database.db);
  const cast = (input: CastInput) =>
    mode === 'writer' ? writer.cast(input) : database.db.transaction((tx) => castVote(tx, input));
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < crowd.voters.length) {
        const voter = crowd.voters[next++]!;
        await cast({
          ballot: crowd.ballot,
          electorId: voter.electorId,
          choice: { kind: 'yes_no', choice: 'for' },
          channel: 'online',
          castBy: voter.accountId,
          mayReplace: false,
        });
      }
    }),
  );
  const rate = DIRECT_VOTES / ((performance.now() - started) / 1000);
  await writer.close();
  if (mode === 'writer') Object.assign(writerStats, writer.stats);
  return rate;
}

/** Acknowledged receipts with no stored vote row (must be none). */
async function missingAcknowledged(database: Database, receipts: string[]): Promise<number> {
  const { rows } = await database.pool.query<{ missing: number }>(
    `select count(*)::int as missing from unnest($1::text[]) h where not exists (select 1 from ballot_votes v where v.receipt_hash = h)`,
    [receipts.map(voteHash)],
  );
  return rows[0]!.missing;
}

/** A 100,000-owner Art. 278 (major) ballot, 90 % voted, written set-wise; returns its row. */
async function ownersBallot(database: Database, template: typeof ballots.$inferSelect) {
  const { id: _id, ...copy } = template;
  const [ballot] = await database.db
    .insert(ballots)
    .values({ ...copy, ruleKey: 'civil_code_278_major', question: '是否同意使用维修资金', result: null })
    .returning();
  await database.pool.query(
    `insert into ballot_electors (ballot_id, key, label, resident_ids, area_centi)
     select $1, 'owner:' || g, '业主' || g, '{}', 6000 + (g * 37) % 9000 from generate_series(1, $2) g`,
    [ballot!.id, OWNERS],
  );
  await database.pool.query(
    `insert into ballot_votes (ballot_id, elector_id, channel, cast_by, receipt_hash, choice)
     select $1, e.id, 'online', $2, 'bench-' || e.id,
            jsonb_build_object('kind', 'yes_no', 'choice', case when e.id % 20 < 16 then 'for' when e.id % 20 < 19 then 'against' else 'abstain' end)
     from ballot_electors e where e.ballot_id = $1 and e.id % 10 <> 0`,
    [ballot!.id, template.createdBy],
  );
  await database.pool.query('vacuum analyze ballot_electors, ballot_votes');
  return ballot!;
}

async function timed<T>(work: () => Promise<T>) {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

const database = await openBenchDatabase();
const lines: string[] = [];
try {
  const ceiling8 = await commitCeiling(database.url, 8, 3);
  const ceiling64 = await commitCeiling(database.url, 64, 3);
  const viaWriter = await directVotes(database, 'writer');
  const onePerTransaction = await directVotes(database, 'one-per-transaction');
  const built = await timed(() => buildVotingCrowd(database.db, { voters: VOTERS }));
  const crowd = built.value;
  await database.pool.query('vacuum analyze');
  const app = await startAppProcess({ databaseUrl: database.url });
  let burst: Awaited<ReturnType<typeof voteBurst>>;
  let sessions: Awaited<ReturnType<typeof sessionBurst>>;
  try {
    sessions = await sessionBurst(
      app.baseUrl,
      crowd.voters.map((v) => v.sessionToken),
    );
    burst = await voteBurst(
      app.baseUrl,
      crowd.ballot.id,
      crowd.voters.map((v) => v.sessionToken),
    );
  } finally {
    app.child.kill('SIGTERM');
    await app.exited;
  }
  const missing = await missingAcknowledged(database, burst.receipts);
  const { rows } = await database.pool.query<{ votes: number; commits: number }>(
    'select count(*)::int as votes, count(distinct cast_at)::int as commits from ballot_votes where ballot_id = $1',
    [crowd.ballot.id],
  );
  const votesPerSecond = burst.receipts.length / burst.seconds;

  const owners = await timed(() => ownersBallot(database, crowd.ballot));
  const tally = await timed(() => tallyBallot(database.db, owners.value));
  const tallyAgain = await timed(() => tallyBallot(database.db, owners.value));
  const close = await timed(() => closeBallot(database.db, owners.value.id, null));
  const [closed] = await database.db.select().from(ballots).where(eq(ballots.id, owners.value.id));
  const outcome = (closed?.result as { outcome?: string } | null)?.outcome;

  const tallyMs = Math.min(tally.ms, tallyAgain.ms);
  const figures: [string, string, string, string][] = [
    ['one-row commits/s, 8 connections (ceiling)', format(ceiling8), '', ''],
    ['one-row commits/s, 64 connections (ceiling)', format(ceiling64), '', ''],
    [
      `online votes/s over HTTP, ${CLIENTS} clients`,
      format(votesPerSecond),
      `${format(votesPerSecond / ceiling8)} × the 8-connection, ${format(votesPerSecond / ceiling64)} × the 64-connection ceiling`,
      votesPerSecond >= ceiling8 ? 'met (≥ 8-connection ceiling)' : '**missed** (≥ 8-connection ceiling)',
    ],
    [
      `authenticated requests/s with no route (session lookup + 404), ${CLIENTS} clients`,
      format(sessions.perSecond),
      `p50 ${format(percentile(sessions.latencies, 50))} ms, p99 ${format(percentile(sessions.latencies, 99))} ms; votes/s are ${format(votesPerSecond / sessions.perSecond)} × this`,
      '',
    ],
    [
      `votes/s through the writer alone (castVote, no HTTP), ${CLIENTS} callers`,
      format(viaWriter),
      `${format(viaWriter / ceiling64)} × the 64-connection ceiling`,
      '',
    ],
    [
      `votes/s one transaction each (no group commit, no HTTP), ${CLIENTS} callers`,
      format(onePerTransaction),
      `the writer does ${format(viaWriter / onePerTransaction)} × as many`,
      '',
    ],
    ['vote latency p50', `${format(percentile(burst.latencies, 50))} ms`, '', ''],
    [
      'vote latency p99',
      `${format(percentile(burst.latencies, 99))} ms`,
      '',
      percentile(burst.latencies, 99) < P99_TARGET_MS
        ? `met (< ${P99_TARGET_MS} ms)`
        : `**missed** (< ${P99_TARGET_MS} ms)`,
    ],
    [
      'acknowledged votes missing after the run',
      String(missing),
      `${burst.receipts.length} acknowledged, ${rows[0]!.votes} stored in ${rows[0]!.commits} commits`,
      missing === 0 ? 'met (0)' : '**missed**',
    ],
    [
      `tally of ${OWNERS.toLocaleString('en')} owners (Art. 278 major, tallyBallot)`,
      `${format(tallyMs)} ms`,
      `first ${format(tally.ms)} ms`,
      tallyMs < TALLY_TARGET_MS ? `met (< ${TALLY_TARGET_MS} ms)` : `**missed** (< ${TALLY_TARGET_MS} ms)`,
    ],
    ['whole close (lock, tally, store, chain entry)', `${format(close.ms)} ms`, `outcome ${outcome}`, ''],
  ];
  const refusals = [...burst.refusals].map(([k, n]) => `${k} × ${n}`).join(', ') || 'none';
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
  const stamp = new Date().toISOString().slice(0, 16).replace('T', ' ');
  lines.push(
    `## Votes (latest \`npm run bench:votes\`, ${stamp} UTC)`,
    '',
    `Machine: ${machine}, load average ${os.loadavg()[0]!.toFixed(1)} at the end. Database: ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded PostgreSQL 18'}; the app in its own process (\`server/main.ts\`), clients in the bench process on the same machine.`,
    '',
    '| figure | value | context | target |',
    '|---|---|---|---|',
    ...figures.map((f) => `| ${f.join(' | ')} |`),
    '',
    `- ${VOTERS} electors of one owners' ballot, each a resident with an account and a session (written in SQL in ${format(built.ms / 1000)} s, not timed); every one votes once: POST /api/ballots/:id/votes with session and CSRF, through the group-commit writer`,
    `- refusals during the burst: ${refusals}`,
    `- through the writer: ${writerStats.batches} batches (${format(writerStats.votes / Math.max(1, writerStats.batches))} votes each), ${writerStats.firstVotes} of ${writerStats.votes} votes written by the set-based path`,
    `- without HTTP: ${DIRECT_VOTES} votes of another ballot each way from ${CLIENTS} concurrent callers in the bench process; the writer uses at most 4 connections, one transaction per vote a pool of 16`,
    `- the tally ballot: ${OWNERS} electors, 90 % voted (80 % for, 15 % against, 5 % abstain), written in SQL in ${format(owners.ms / 1000)} s`,
    '',
  );
} finally {
  await database.release();
}

const section = lines.join('\n');
console.log(section);
const docPath = path.resolve('docs/benchmarks.md');
const doc = fs.readFileSync(docPath, 'utf8');
const begin = '<!-- votes-run -->';
const end = '<!-- /votes-run -->';
const block = `${begin}\n${section}${end}`;
const updated = doc.includes(begin)
  ? doc.replace(new RegExp(`${begin}[\\s\\S]*?${end}`), block)
  : doc.replace('<!-- latest-run -->', `${block}\n\n<!-- latest-run -->`);
fs.writeFileSync(docPath, updated);
console.log(`\nwrote ${path.relative(process.cwd(), docPath)}`);
