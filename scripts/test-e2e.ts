/**
 * The browser journeys (`npm run test:e2e`), split over YISHI_E2E_SHARDS vitest processes (2 unless
 * set) that run side by side, each with its own app and database on the same embedded PostgreSQL
 * cluster, and its own log. A journey waits on the browser and the server more than it computes, so
 * two shards on two cores finish in well under the time of one. Arguments (a file, `-t name`) run one
 * process with them, as `vitest run` would.
 */
import { spawn } from 'node:child_process';

const vitest = ['vitest', 'run', '--config', 'e2e/vitest.config.ts'];
const args = process.argv.slice(2);
const shards = args.length > 0 ? 1 : Number(process.env.YISHI_E2E_SHARDS ?? 2);
if (!Number.isInteger(shards) || shards < 1) {
  console.error(`YISHI_E2E_SHARDS must be a whole number ≥ 1, not "${process.env.YISHI_E2E_SHARDS}"`);
  process.exit(2);
}

/** Runs one shard, its lines prefixed so two shards' output stays readable; resolves its exit code. */
function runShard(index: number): Promise<number> {
  const shardArgs = shards > 1 ? [`--shard=${index}/${shards}`] : [];
  const child = spawn('npx', [...vitest, ...shardArgs, ...args], {
    env: { ...process.env, YISHI_E2E_SHARD: shards > 1 ? String(index) : '' },
    stdio: shards > 1 ? ['ignore', 'pipe', 'pipe'] : 'inherit',
  });
  if (shards > 1) {
    const prefix = `[e2e ${index}/${shards}] `;
    for (const [from, to] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ] as const) {
      let rest = '';
      from?.setEncoding('utf8').on('data', (chunk: string) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) to.write(`${prefix}${line}\n`);
      });
      from?.on('end', () => rest && to.write(`${prefix}${rest}\n`));
    }
  }
  return new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

const codes = await Promise.all(Array.from({ length: shards }, (_, i) => runShard(i + 1)));
const failed = codes.map((code, i) => ({ code, shard: i + 1 })).filter((s) => s.code !== 0);
if (failed.length > 0) {
  console.error(`browser journeys failed in shard ${failed.map((s) => `${s.shard}/${shards}`).join(', ')}`);
  process.exit(1);
}
