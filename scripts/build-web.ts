/**
 * Builds the web app into web/dist with Vite. `--if-stale` skips the build when web/dist is newer
 * than every file under web/ (so `npm start` is quick after the first run).
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

const root = path.resolve('web');
const dist = path.join(root, 'dist');

function newestSourceTime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    const time = entry.isDirectory() ? newestSourceTime(full) : fs.statSync(full).mtimeMs;
    newest = Math.max(newest, time);
  }
  return newest;
}

const index = path.join(dist, 'index.html');
const isFresh = fs.existsSync(index) && fs.statSync(index).mtimeMs >= newestSourceTime(root);
if (process.argv.includes('--if-stale') && isFresh) {
  console.log('web/dist is up to date');
} else {
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  fs.utimesSync(index, new Date(), new Date());
  console.log('built web/dist');
}
