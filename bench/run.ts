/**
 * `npm run bench [name…]`: runs every bench/*.bench.ts (or the named ones) on a fresh database each,
 * after a baseline measured in the same run, prints the figures and rewrites each one's own
 * "Latest … run" block at the end of docs/benchmarks.md (between `<!-- run:name -->` markers) with the
 * machine, the load average and the date; the blocks of benchmarks not run are left as they were.
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
      `| ${f.name} | ${format(f.value)} ${f.unit} | ${ratio(f.value, f.unit, baseline)}${f.note ? `; ${f.note}` : ''} | ${f.target ?? ''} | ${f.isMet === undefined ? '' : f.isMet ? 'met' : '**missed**'} |`,
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
const load = os
  .loadavg()
  .map((x) => x.toFixed(1))
  .join(' / ');
const docPath = path.resolve('docs/benchmarks.md');
// Each benchmark keeps its own latest-run block between markers, so running one leaves the others.
let doc = (fs.existsSync(docPath) ? fs.readFileSync(docPath, 'utf8') : '# Benchmarks\n').split(
  '<!-- latest-run -->',
)[0]!;
for (const [i, result] of results.entries()) {
  if (result === baseline) continue;
  const name = files[i - 1]!.replace('.bench.ts', '');
  const block = [
    `<!-- run:${name} -->`,
    `## Latest \`${name}\` run (${stamp} UTC)`,
    '',
    `Machine: ${machine}; load average at the end ${load} (1 / 5 / 15 min). Database: ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded PostgreSQL 18'}.`,
    '',
    render(baseline),
    render(result, baseline),
    `<!-- /run:${name} -->`,
  ].join('\n');
  const open = doc.indexOf(`<!-- run:${name} -->`);
  const close = doc.indexOf(`<!-- /run:${name} -->`);
  doc =
    open >= 0 && close > open
      ? `${doc.slice(0, open)}${block}${doc.slice(close + `<!-- /run:${name} -->`.length)}`
      : `${doc.trimEnd()}\n\n${block}\n`;
}
fs.writeFileSync(docPath, doc);
console.log(`\nwrote ${path.relative(process.cwd(), docPath)}`);
