import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's root: the nearest folder above this module holding package.json. Found, not counted
 * in `..`s, because the same code runs from its sources (server/…, through tsx) and from the
 * production bundle (build/server/main.mjs, scripts/build-server.ts), which sit at different depths.
 */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));
/** The built web app the server serves (scripts/build-web.ts). */
export const webDist = path.join(projectRoot, 'web', 'dist');
/** The SQL migrations (drizzle-kit), applied at start and recorded in backups. */
export const migrationsFolder = path.join(projectRoot, 'server', 'migrations');
