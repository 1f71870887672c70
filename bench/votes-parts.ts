/**
 * Pieces of `npm run bench:votes` (bench/votes.ts): the one-row-commit ceiling, the same votes cast
 * without HTTP (through the group-commit writer, or one transaction each), the 100,000-owner
 * ballot the tally is timed on, and the CPU time of process trees (the app's, PostgreSQL's).
 */
import fs from 'node:fs';
import pg from 'pg';
import type { Database } from '../server/db/client';
import { ballots } from '../server/db/schema';
import { castVote, type CastInput } from '../server/modules/ballots/casting/cast';
import { VoteWriter, type VoteWriterStats } from '../server/modules/ballots/casting/vote-writer';
import { buildVotingCrowd } from '../server/test/ballot-crowd.fixtures';

/** Like pgbench's simplest script: one-row INSERT, one transaction each, from `clients` connections. */
export async function commitCeiling(url: string, clients: number, seconds: number): Promise<number> {
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
 * `votes` votes of a fresh ballot from `callers` concurrent callers in this process, without HTTP:
 * through a VoteWriter, or each in its own transaction (no group commit). Votes/s and, for the
 * writer, its stats.
 */
export async function directVotes(
  database: Database,
  mode: 'writer' | 'one-per-transaction',
  votes: number,
  callers: number,
): Promise<{ perSecond: number; stats: VoteWriterStats }> {
  const crowd = await buildVotingCrowd(database.db, { voters: votes });
  const writer = new VoteWriter(database.db);
  const cast = (input: CastInput) =>
    mode === 'writer' ? writer.cast(input) : database.db.transaction((tx) => castVote(tx, input));
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async () => {
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
  const perSecond = votes / ((performance.now() - started) / 1000);
  await writer.close();
  return { perSecond, stats: writer.stats };
}

/** An `owners`-elector Art. 278 (major) ballot, 90 % voted, written set-wise; returns its row. */
export async function ownersBallot(database: Database, template: typeof ballots.$inferSelect, owners: number) {
  const { id: _id, ...copy } = template;
  const [ballot] = await database.db
    .insert(ballots)
    .values({ ...copy, ruleKey: 'civil_code_278_major', question: '是否同意使用维修资金', result: null })
    .returning();
  await database.pool.query(
    `insert into ballot_electors (ballot_id, key, label, resident_ids, area_centi)
     select $1, 'owner:' || g, '业主' || g, '{}', 6000 + (g * 37) % 9000 from generate_series(1, $2) g`,
    [ballot!.id, owners],
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

/** Runs `work` and times it. */
export async function timed<T>(work: () => Promise<T>) {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

/** CPU time (user + system, in clock ticks) of `pid` and of every process below it, from /proc (Linux). */
export function processTreeTicks(pid: number): Map<number, number> {
  const all: { pid: number; parent: number; ticks: number }[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // After the command name in parentheses: state, ppid, …, utime (14th field), stime (15th).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      all.push({ pid: Number(entry), parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended while the list was read.
    }
  }
  const tree = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all) {
      if (!tree.has(p.pid) && tree.has(p.parent)) {
        tree.add(p.pid);
        grew = true;
      }
    }
  }
  return new Map(all.filter((p) => tree.has(p.pid)).map((p) => [p.pid, p.ticks]));
}

/** Milliseconds of CPU a process tree used between two readings (processes started meanwhile count from 0). */
export function cpuMsBetween(before: Map<number, number>, after: Map<number, number>): number {
  let ticks = 0;
  for (const [pid, now] of after) ticks += now - (before.get(pid) ?? 0);
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Linux's USER_HZ, what /proc/<pid>/stat counts in. */
const CLOCK_TICKS_PER_SECOND = 100;

/** The PostgreSQL server's postmaster: the parent of this connection's backend (a server on this machine). */
export async function postmasterPid(database: Database): Promise<number> {
  const { rows } = await database.pool.query<{ pid: number }>('select pg_backend_pid() as pid');
  const stat = fs.readFileSync(`/proc/${rows[0]!.pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}
