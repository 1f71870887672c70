import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer, productionEntry } from '../../scripts/build-server';
import { loadAnchorKey } from '../modules/chain';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type AppProcess = {
  port: number;
  baseUrl: string;
  child: ChildProcess;
  /** Resolves when the process has exited (with its exit code, or null when killed by a signal). */
  exited: Promise<number | null>;
  /** Output so far (for a failure message). */
  output: () => string;
};

let built: Promise<string> | undefined;
/** The production bundle, built once per process (the benches start the app many times). */
const productionBuild = () => (built ??= buildServer().then(() => productionEntry));

/**
 * The real server as its own process (`node --import tsx server/main.ts`, what `npm start` runs
 * after building the web app), in production mode without demo data: on `databaseUrl`, or on its
 * own embedded PostgreSQL under `dataDir` (port `pgPort`). Ready once GET `readyPath` answers 200
 * (/api/session by default; /api/ready waits for the job queue as well).
 */
export async function startAppProcess(
  opts: ({ databaseUrl: string } | { dataDir: string; pgPort: number }) & {
    port?: number;
    env?: Record<string, string>;
    readyWithinMs?: number;
    readyPath?: string;
    /** Extra flags for node itself (e.g. --cpu-prof, which NODE_OPTIONS refuses). */
    nodeArgs?: string[];
    /** Run the production bundle as `npm start` does (built here once), not the sources through tsx. */
    isBundle?: boolean;
  },
): Promise<AppProcess> {
  const port = opts.port ?? (await freePort());
  const database =
    'databaseUrl' in opts
      ? { DATABASE_URL: opts.databaseUrl }
      : { YISHI_DATA_DIR: opts.dataDir, YISHI_PG_PORT: String(opts.pgPort) };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    YISHI_DEMO: 'false',
    YISHI_SMS_PROVIDER: 'none',
    LOG_LEVEL: 'warn',
    // One process unless a test asks for a cluster (production's default would be one per core).
    YISHI_WORKERS: '1',
    ...database,
    ...opts.env,
  };
  if (!('databaseUrl' in opts)) delete env.DATABASE_URL;
  // Production needs the anchor key: the one the in-process test apps use (created if missing), so
  // both sign and verify the same anchors on a shared database.
  if (!env.YISHI_ANCHOR_KEY_FILE) {
    env.YISHI_ANCHOR_KEY_FILE = path.join(root, 'data', 'anchor-key.pem');
    loadAnchorKey({ file: env.YISHI_ANCHOR_KEY_FILE, isGenerated: true });
  }
  const entry = opts.isBundle ? [await productionBuild()] : ['--import', 'tsx', 'server/main.ts'];
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...entry], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.readyWithinMs ?? 60_000);
  let isExited = false;
  void exited.then(() => (isExited = true));
  while (Date.now() < deadline && !isExited) {
    const ok = await fetch(`${baseUrl}${opts.readyPath ?? '/api/session'}`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return { port, baseUrl, child, exited, output: () => output };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the app did not start on port ${port}:\n${output}`);
}
