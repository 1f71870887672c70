/**
 * `npm run bench:votes`: online votes over HTTP against the real app (its own process, with
 * YISHI_WORKERS = the machine's cores, on a fresh database of the embedded PostgreSQL or DATABASE_URL's
 * server), driven by wrk (bench/load.ts: one request per voter, each with its own session, sent once,
 * from 64 connections), beside the ceilings measured in the same run: one-row commits (8 and 64
 * connections) and a bare Fastify route. Then checks that every acknowledged vote is stored (once),
 * and times the tally and the close of a 100,000-owner Art. 278 ballot. The burst's CPU per vote is
 * read from /proc: the app's processes, and the embedded PostgreSQL's. Rewrites the "Votes" section
 * of docs/benchmarks.md (between its markers) with the machine and date. BENCH_CPU_PROF=<folder>
 * writes the app's CPU profile of the run there (node --cpu-prof).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { ballots } from '../server/db/schema';
import { closeBallot } from '../server/modules/ballots/tally/close';
import { tallyBallot } from '../server/modules/ballots/tally/tally';
import { startAppProcess } from '../server/test/app-process';
import { buildVotingCrowd } from '../server/test/ballot-crowd.fixtures';
import { measureBareFastify } from './ceilings';
import { openBenchDatabase } from './lib';
import { runLoad, type LoadRequest, type LoadResult } from './load';
import {
  commitCeiling,
  cpuMsBetween,
  directVotes,
  ownersBallot,
  postmasterPid,
  processTreeTicks,
  timed,
} from './votes-parts';

const VOTERS = Number(process.env.BENCH_VOTERS ?? 20_000);
const CLIENTS = 64;
const OWNERS = 100_000;
const TALLY_TARGET_MS = 200;
const P99_TARGET_MS = 100;
const DIRECT_VOTES = 3_000;
const WORKERS = os.cpus().length;

const format = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const latency = (r: LoadResult) => `p50 ${format(r.latencyMs.p50)} ms, p99 ${format(r.latencyMs.p99)} ms`;

/** Each voter once, from 64 connections: wrk's figures. */
const burst = (baseUrl: string, requests: LoadRequest[]) =>
  runLoad({ baseUrl, requests, connections: CLIENTS, seconds: 120, once: true });

const database = await openBenchDatabase();
const lines: string[] = [];
try {
  const ceiling8 = await commitCeiling(database.url, 8, 3);
  const ceiling64 = await commitCeiling(database.url, 64, 3);
  const bare = await measureBareFastify(CLIENTS, 5);
  const viaWriter = await directVotes(database, 'writer', DIRECT_VOTES, CLIENTS);
  const onePerTransaction = await directVotes(database, 'one-per-transaction', DIRECT_VOTES, CLIENTS);
  const built = await timed(() => buildVotingCrowd(database.db, { voters: VOTERS }));
  const crowd = built.value;
  await database.pool.query('vacuum analyze');
  const profileDir = process.env.BENCH_CPU_PROF;
  const app = await startAppProcess({
    isBundle: true,
    databaseUrl: database.url,
    env: { YISHI_WORKERS: String(WORKERS) },
    nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [],
  });
  let votes: LoadResult;
  let sessions: LoadResult;
  // CPU of the vote burst: the app's processes, and PostgreSQL's (only a server of its own: the
  // embedded one; DATABASE_URL's may serve others meanwhile).
  const postgres = process.env.DATABASE_URL ? undefined : await postmasterPid(database);
  let cpuMs: { app: number; postgres: number | undefined };
  try {
    // The floor under any authenticated request: session lookup and a 404 (no route serves it). The
    // first round warms the app up; the second is measured. The crowd's sessions slide (once each, as
    // once a minute in real use) in whichever round comes a minute after they were written: usually
    // the vote burst, where each worker writes them with its other slides once a second (session.ts).
    const floor = crowd.voters.map((v) => ({
      path: '/api/bench-floor',
      headers: { cookie: `yishi_session=${v.sessionToken}` },
    }));
    await burst(app.baseUrl, floor);
    sessions = await burst(app.baseUrl, floor);
    const appBefore = processTreeTicks(app.child.pid!);
    const postgresBefore = postgres === undefined ? undefined : processTreeTicks(postgres);
    votes = await burst(
      app.baseUrl,
      crowd.voters.map((v, i) => ({
        method: 'POST',
        path: `/api/ballots/${crowd.ballot.id}/votes`,
        headers: {
          cookie: `yishi_session=${v.sessionToken}; yishi_csrf=bench`,
          'x-csrf-token': 'bench',
          'content-type': 'application/json',
        },
        body: JSON.stringify({ choice: i % 7 === 0 ? 'against' : 'for' }),
      })),
    );
    cpuMs = {
      app: cpuMsBetween(appBefore, processTreeTicks(app.child.pid!)),
      postgres: postgresBefore && cpuMsBetween(postgresBefore, processTreeTicks(postgres!)),
    };
  } finally {
    app.child.kill('SIGTERM');
    await app.exited;
  }
  const acknowledged = votes.statuses['201'] ?? 0;
  const { rows } = await database.pool.query<{ votes: number; electors: number; commits: number }>(
    `select count(*)::int as votes, count(distinct elector_id)::int as electors, count(distinct cast_at)::int as commits
     from ballot_votes where ballot_id = $1`,
    [crowd.ballot.id],
  );
  const stored = rows[0]!;
  // Every acknowledged vote is stored, and no voter has more than one row.
  const missing = Math.max(0, acknowledged - stored.votes);
  const isSound = missing === 0 && stored.electors === stored.votes && stored.votes <= VOTERS;
  const votesPerSecond = acknowledged / votes.seconds;

  const owners = await timed(() => ownersBallot(database, crowd.ballot, OWNERS));
  const tally = await timed(() => tallyBallot(database.db, owners.value));
  const tallyAgain = await timed(() => tallyBallot(database.db, owners.value));
  const close = await timed(() => closeBallot(database.db, owners.value.id, null));
  const [closed] = await database.db.select().from(ballots).where(eq(ballots.id, owners.value.id));
  const outcome = (closed?.result as { outcome?: string } | null)?.outcome;

  const tallyMs = Math.min(tally.ms, tallyAgain.ms);
  const figures: [string, string, string, string][] = [
    ['one-row commits/s, 8 connections (ceiling)', format(ceiling8), '', ''],
    ['one-row commits/s, 64 connections (ceiling)', format(ceiling64), '', ''],
    [`bare Fastify route requests/s, ${CLIENTS} connections (ceiling)`, format(bare.perSecond), latency(bare), ''],
    [
      `online votes/s over HTTP, ${CLIENTS} connections`,
      format(votesPerSecond),
      `${format(votesPerSecond / ceiling8)} × the 8-connection, ${format(votesPerSecond / ceiling64)} × the 64-connection commit ceiling; ${format(votesPerSecond / bare.perSecond)} × bare Fastify`,
      votesPerSecond >= ceiling8 ? 'met (≥ 8-connection ceiling)' : '**missed** (≥ 8-connection ceiling)',
    ],
    [
      `authenticated requests/s with no route (session lookup + 404), ${CLIENTS} connections`,
      format(sessions.perSecond),
      `${latency(sessions)}; ${format(sessions.perSecond / bare.perSecond)} × bare Fastify; votes/s are ${format(votesPerSecond / sessions.perSecond)} × this`,
      '',
    ],
    [
      `votes/s through the writer alone (castVote, no HTTP), ${CLIENTS} callers`,
      format(viaWriter.perSecond),
      `${format(viaWriter.perSecond / ceiling64)} × the 64-connection ceiling`,
      '',
    ],
    [
      `votes/s one transaction each (no group commit, no HTTP), ${CLIENTS} callers`,
      format(onePerTransaction.perSecond),
      `the writer does ${format(viaWriter.perSecond / onePerTransaction.perSecond)} × as many`,
      '',
    ],
    [
      'CPU per vote during the burst',
      `app ${format(cpuMs.app / Math.max(1, acknowledged))} ms`,
      `PostgreSQL ${cpuMs.postgres === undefined ? 'not measured (DATABASE_URL)' : `${format(cpuMs.postgres / Math.max(1, acknowledged))} ms`}; ${format(acknowledged / Math.max(1, stored.commits))} votes per commit`,
      '',
    ],
    ['vote latency p50', `${format(votes.latencyMs.p50)} ms`, `p90 ${format(votes.latencyMs.p90)} ms`, ''],
    [
      'vote latency p99',
      `${format(votes.latencyMs.p99)} ms`,
      `max ${format(votes.latencyMs.max)} ms`,
      votes.latencyMs.p99 < P99_TARGET_MS ? `met (< ${P99_TARGET_MS} ms)` : `**missed** (< ${P99_TARGET_MS} ms)`,
    ],
    [
      'acknowledged votes missing after the run',
      String(missing),
      `${acknowledged} acknowledged (201), ${stored.votes} stored for ${stored.electors} electors in ${stored.commits} commits`,
      isSound ? 'met (0, one row per voter)' : '**missed**',
    ],
    [
      `tally of ${OWNERS.toLocaleString('en')} owners (Art. 278 major, tallyBallot)`,
      `${format(tallyMs)} ms`,
      `first ${format(tally.ms)} ms`,
      tallyMs < TALLY_TARGET_MS ? `met (< ${TALLY_TARGET_MS} ms)` : `**missed** (< ${TALLY_TARGET_MS} ms)`,
    ],
    ['whole close (lock, tally, store, chain entry)', `${format(close.ms)} ms`, `outcome ${outcome}`, ''],
  ];
  const statuses = (r: LoadResult) =>
    Object.entries(r.statuses)
      .map(([k, n]) => `${k} × ${n}`)
      .join(', ');
  const errors = Object.values(votes.errors).reduce((a, b) => a + b, 0);
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
  const stamp = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const perBatch = viaWriter.stats.votes / Math.max(1, viaWriter.stats.batches);
  lines.push(
    `## Votes (latest \`npm run bench:votes\`, ${stamp} UTC)`,
    '',
    `Machine: ${machine}, load average ${os.loadavg()[0]!.toFixed(1)} at the end. Database: ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded PostgreSQL 18'}; the app in its own process (\`server/main.ts\`, YISHI_WORKERS=${WORKERS}); load from Debian's wrk (one thread) on the same machine.`,
    '',
    '| figure | value | context | target |',
    '|---|---|---|---|',
    ...figures.map((f) => `| ${f.join(' | ')} |`),
    '',
    `- ${VOTERS} electors of one owners' ballot, each a resident with an account and a session (written in SQL in ${format(built.ms / 1000)} s, not timed); every one votes once: POST /api/ballots/:id/votes with session and CSRF, through the group-commit writer, in ${format(votes.seconds)} s`,
    `- answers during the vote burst: ${statuses(votes)}; socket errors ${errors}; session floor: ${statuses(sessions)}`,
    `- through the writer alone: ${viaWriter.stats.batches} batches (${format(perBatch)} votes each), ${viaWriter.stats.firstVotes} of ${viaWriter.stats.votes} votes written by the set-based path`,
    `- without HTTP: ${DIRECT_VOTES} votes of another ballot each way from ${CLIENTS} concurrent callers in the bench process; the writer uses at most 2 connections, one transaction per vote a pool of 16`,
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
