/**
 * `npm run bench [name…]`: runs every bench/*.bench.ts (or the named ones) on a fresh database each,
 * after a baseline measured in the same run, prints the figures and rewrites the "Latest run"
 * section of docs/benchmarks.md with the machine and date.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measureBaseline } from './baseline';
import { openBenchDatabase, type Bench, type BenchResult } from './lib';

const only = process.argv.slice(2);
const files = fs
  .readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((name) => f.startsWith(name)))
  .sort();

const format = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

/** A figure against the same run's baseline: latencies over a `select 1` round trip, rates over one-row commits. */
function ratio(value: number, unit: string, baseline?: { selectP95Ms: number; commitsPerSecond: number }): string {
  if (!baseline) return '';
  if (unit === 'ms') return `${format(value / baseline.selectP95Ms)} × select-1 p95`;
  if (unit.endsWith('/s')) return `${format(value / baseline.commitsPerSecond)} × one-row commits/s`;
  return '';
}

function render(result: BenchResult, baseline?: { selectP95Ms: number; commitsPerSecond: number }): string {
  const rows = result.figures.map(
    (f) =>
      `| ${f.name} | ${format(f.value)} ${f.unit} | ${ratio(f.value, f.unit, baseline)} | ${f.target ?? ''} | ${f.isMet === undefined ? '' : f.isMet ? 'met' : '**missed**'} |`,
  );
  const notes = (result.notes ?? []).map((n) => `- ${n}`);
  return [
    `### ${result.title}`,
    '',
    '| figure | value | vs baseline | target | |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    ...notes,
    '',
  ].join('\n');
}

const results: BenchResult[] = [];
const baselineDb = await openBenchDatabase();
const baseline = await measureBaseline(baselineDb);
await baselineDb.release();
results.push(baseline);
console.log(render(baseline));

for (const file of files) {
  const bench = (await import(path.join(import.meta.dirname, file))).default as Bench;
  const database = await openBenchDatabase();
  try {
    const result = await bench.run(database);
    result.notes = [
      ...(result.notes ?? []),
      `baseline in this run: select-1 p95 ${format(baseline.selectP95Ms)} ms, ${format(baseline.commitsPerSecond)} one-row commits/s`,
    ];
    results.push(result);
    console.log(`\n${render(result, baseline)}`);
  } finally {
    await database.release();
  }
}

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
const stamp = new Date().toISOString().slice(0, 16).replace('T', ' ');
const section = [
  `## Latest run (${stamp} UTC)`,
  '',
  `Machine: ${machine}. Database: ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded PostgreSQL 18'}.`,
  '',
  ...results.map((r) => render(r, r === baseline ? undefined : baseline)),
].join('\n');
const docPath = path.resolve('docs/benchmarks.md');
const existing = fs.existsSync(docPath) ? fs.readFileSync(docPath, 'utf8') : '# Benchmarks\n';
const marker = '<!-- latest-run -->';
const [head] = existing.split(marker);
fs.writeFileSync(docPath, `${head!.trimEnd()}\n\n${marker}\n${section}\n`);
console.log(`\nwrote ${path.relative(process.cwd(), docPath)}`);
