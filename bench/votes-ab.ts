/**
 * `npx tsx bench/votes-ab.ts old=<folder> new=. [label=<folder>,ENV=value,…]`: the online vote burst
 * of `npm run bench:votes` against several checkouts of the app (e.g. the last release in a folder of
 * its own, beside this one), one after another on one fresh database and alternated round by round,
 * since the machine is shared and its noise moves more than most changes do. For each: votes/s as a
 * ratio to the 8-connection commit ceiling of the same run, p50/p99, CPU per vote of the app's
 * processes and of the embedded PostgreSQL (/proc), votes per commit. BENCH_AB_VOTERS (6000),
 * BENCH_AB_ROUNDS (2); BENCH_AB_STATEMENTS=1 lists pg_stat_statements' top statements of each burst
 * (needs shared_preload_libraries = 'pg_stat_statements' in data/bench/pg/postgresql.auto.conf).
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { loadAnchorKey } from '../server/modules/chain';
import { buildVotingCrowd } from '../server/test/ballot-crowd.fixtures';
import { freePort } from '../server/test/app-process';
import { openBenchDatabase } from './lib';
import { runLoad } from './load';
import { commitCeiling, cpuMsBetween, postmasterPid, processTreeTicks } from './votes-parts';

const VOTERS = Number(process.env.BENCH_AB_VOTERS ?? 6000);
const ROUNDS = Number(process.env.BENCH_AB_ROUNDS ?? 2);
const CLIENTS = 64;
const anchorKeyFile = path.resolve('data/anchor-key.pem');

type Variant = { label: string; root: string; env: Record<string, string> };
const variants: Variant[] = process.argv.slice(2).map((arg) => {
  const [head = '', ...settings] = arg.split(',');
  const [label = '', root = '.'] = head.split('=');
  return { label, root: path.resolve(root), env: Object.fromEntries(settings.map((s) => s.split('='))) };
});
if (variants.length === 0) throw new Error('usage: npx tsx bench/votes-ab.ts old=<folder> new=.');

/** The app of `variant` in its own process on `url`, as bench/votes.ts starts it; resolves once it answers. */
async function startVariant(variant: Variant, url: string) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: variant.root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      YISHI_DEMO: 'false',
      YISHI_SMS_PROVIDER: 'none',
      LOG_LEVEL: 'warn',
      YISHI_WORKERS: String(os.cpus().length),
      DATABASE_URL: url,
      YISHI_ANCHOR_KEY_FILE: anchorKeyFile,
      ...variant.env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const baseUrl = `http://127.0.0.1:${port}`;
  while (
    !(await fetch(`${baseUrl}/api/session`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { baseUrl, pid: child.pid!, stop: () => (child.kill('SIGTERM'), exited) };
}

loadAnchorKey({ file: anchorKeyFile, isGenerated: true });
const database = await openBenchDatabase();
try {
  const postgres = await postmasterPid(database);
  const hasStatements = process.env.BENCH_AB_STATEMENTS
    ? await database.pool.query('create extension if not exists pg_stat_statements').then(
        () => true,
        () => false,
      )
    : false;
  const ceiling8 = await commitCeiling(database.url, 8, 3);
  console.log(`8-connection commit ceiling ${ceiling8.toFixed(0)}/s, load average ${os.loadavg()[0]!.toFixed(1)}`);
  for (let round = 0; round < ROUNDS; round++) {
    for (const variant of round % 2 === 0 ? variants : [...variants].reverse()) {
      const crowd = await buildVotingCrowd(database.db, { voters: VOTERS });
      await database.pool.query('vacuum analyze');
      const app = await startVariant(variant, database.url);
      // As bench/votes.ts: a round of authenticated no-ops first, which warms the app and its session caches.
      await runLoad({
        baseUrl: app.baseUrl,
        requests: crowd.voters.map((v) => ({
          path: '/api/bench-floor',
          headers: { cookie: `yishi_session=${v.sessionToken}` },
        })),
        connections: CLIENTS,
        seconds: 120,
        once: true,
      });
      if (hasStatements) await database.pool.query('select pg_stat_statements_reset()');
      const appBefore = processTreeTicks(app.pid);
      const postgresBefore = processTreeTicks(postgres);
      const loadBefore = os.loadavg()[0]!;
      const votes = await runLoad({
        baseUrl: app.baseUrl,
        connections: CLIENTS,
        seconds: 120,
        once: true,
        requests: crowd.voters.map((v, i) => ({
          method: 'POST',
          path: `/api/ballots/${crowd.ballot.id}/votes`,
          headers: {
            cookie: `yishi_session=${v.sessionToken}; yishi_csrf=bench`,
            'x-csrf-token': 'bench',
            'content-type': 'application/json',
          },
          body: JSON.stringify({ choice: i % 7 === 0 ? 'against' : 'for' }),
        })),
      });
      const appMs = cpuMsBetween(appBefore, processTreeTicks(app.pid));
      const postgresMs = cpuMsBetween(postgresBefore, processTreeTicks(postgres));
      const acknowledged = votes.statuses['201'] ?? 0;
      const { rows } = await database.pool.query<{ commits: number }>(
        'select count(distinct cast_at)::int as commits from ballot_votes where ballot_id = $1',
        [crowd.ballot.id],
      );
      const perSecond = acknowledged / votes.seconds;
      console.log(
        `${variant.label} round ${round + 1}: ${perSecond.toFixed(0)} votes/s = ${(perSecond / ceiling8).toFixed(2)} × the ceiling; ` +
          `p50 ${votes.latencyMs.p50.toFixed(1)} ms, p99 ${votes.latencyMs.p99.toFixed(1)} ms; ` +
          `CPU per vote: app ${(appMs / acknowledged).toFixed(2)} ms, PostgreSQL ${(postgresMs / acknowledged).toFixed(2)} ms; ` +
          `${(acknowledged / rows[0]!.commits).toFixed(1)} votes per commit; answers ${JSON.stringify(votes.statuses)}; ` +
          `load average ${loadBefore.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)}`,
      );
      if (hasStatements) {
        const top = await database.pool.query(
          `select calls, round(total_exec_time::numeric, 1) as exec_ms, round(total_plan_time::numeric, 1) as plan_ms,
                  left(regexp_replace(query, '\\s+', ' ', 'g'), 90) as query
           from pg_stat_statements order by total_exec_time + total_plan_time desc limit 6`,
        );
        console.table(top.rows);
      }
      await app.stop();
    }
  }
} finally {
  await database.release();
}
