import type { Database } from '../server/db/client';
import { percentile, type BenchResult } from './lib';

/**
 * The machine's own figures, measured in the same run as every benchmark so ratios mean something
 * on a shared, noisy machine: a `select 1` round trip, and one-row commits from 8 connections.
 */
export async function measureBaseline(
  database: Database,
): Promise<BenchResult & { selectP95Ms: number; commitsPerSecond: number }> {
  const latencies: number[] = [];
  for (let i = 0; i < 500; i++) {
    const started = performance.now();
    await database.pool.query('select 1');
    latencies.push(performance.now() - started);
  }
  await database.pool.query(
    'create table if not exists bench_commits (id bigserial primary key, at timestamptz default now())',
  );
  const perWorker = 400;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      const client = await database.pool.connect();
      try {
        for (let i = 0; i < perWorker; i++) await client.query('insert into bench_commits default values');
      } finally {
        client.release();
      }
    }),
  );
  const commitsPerSecond = (8 * perWorker) / ((performance.now() - started) / 1000);
  const selectP95Ms = percentile(latencies, 95);
  return {
    title: 'Baseline (same run)',
    selectP95Ms,
    commitsPerSecond,
    figures: [
      { name: '`select 1` round trip p95', value: selectP95Ms, unit: 'ms' },
      { name: 'one-row commits, 8 connections', value: commitsPerSecond, unit: 'commits/s' },
    ],
  };
}
