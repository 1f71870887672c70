import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './app-process';

const run = promisify(execFile);

/** Debian's PostgreSQL 15 (the postgresql-15 package), not the embedded server of the app's npm package. */
export const PG_BIN = '/usr/lib/postgresql/15/bin';

export type ReplicaPair = {
  primaryUrl: string;
  replicaUrl: string;
  /** Stops the primary at once (`pg_ctl stop -m immediate`, as a crash would). */
  stopPrimary: () => Promise<void>;
  /** Stops both servers and removes their folders. */
  close: () => Promise<void>;
};

/**
 * PostgreSQL refuses to run as root: as root (CI), every server command runs as the `postgres` user
 * over folders it owns; as anyone else, as that user.
 */
async function asPostgres(command: string, args: string[]): Promise<string> {
  const isRoot = process.getuid?.() === 0;
  const [file, argv] = isRoot
    ? ['runuser', ['-u', 'postgres', '--', path.join(PG_BIN, command), ...args]]
    : [path.join(PG_BIN, command), args];
  const { stdout } = await run(file, argv, { timeout: 120_000 });
  return stdout;
}

async function startServer(dir: string, port: number, socketDir: string): Promise<void> {
  // fsync off: the pair lives for one test; loopback only, the socket in the pair's folder;
  // pg_stat_statements lets a test see which server ran a statement.
  const options = [
    `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    '-c shared_preload_libraries=pg_stat_statements',
  ].join(' ');
  await asPostgres('pg_ctl', ['-D', dir, '-l', `${dir}.log`, '-w', '-t', '60', '-o', options, 'start']);
}

/**
 * A primary and its streaming hot standby on loopback, on free ports (never 5432, the machine's own
 * server), in a temporary folder: initdb (trust, which allows local replication), pg_basebackup -R
 * (standby.signal and primary_conninfo written for us), both started with pg_ctl.
 */
export async function startReplicaPair(): Promise<ReplicaPair> {
  const root = await fs.mkdtemp(path.join(tmpdir(), 'yishi-replica-'));
  if (process.getuid?.() === 0) await run('chown', ['postgres:postgres', root]);
  const primaryDir = path.join(root, 'primary');
  const replicaDir = path.join(root, 'replica');
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const stop = (dir: string) =>
    asPostgres('pg_ctl', ['-D', dir, '-m', 'immediate', '-w', 'stop']).then(
      () => undefined,
      () => undefined, // already stopped, or never started
    );
  const close = async () => {
    await stop(replicaDir);
    await stop(primaryDir);
    await fs.rm(root, { recursive: true, force: true });
  };
  try {
    await asPostgres('initdb', ['-D', primaryDir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    await startServer(primaryDir, primaryPort, root);
    await asPostgres('psql', [
      ...['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-d', 'postgres'],
      ...['-c', 'create extension pg_stat_statements'],
    ]);
    await asPostgres('pg_basebackup', [
      ...['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres'],
      ...['-D', replicaDir, '-R', '-X', 'stream', '-c', 'fast'],
    ]);
    await startServer(replicaDir, replicaPort, root);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    primaryUrl: `postgres://postgres@127.0.0.1:${primaryPort}/postgres`,
    replicaUrl: `postgres://postgres@127.0.0.1:${replicaPort}/postgres`,
    stopPrimary: () => stop(primaryDir),
    close,
  };
}
