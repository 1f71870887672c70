import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

/**
 * The real server as its own process (`node --import tsx server/main.ts`, what `npm start` runs
 * after building the web app) on `databaseUrl`, ready once GET /api/session answers.
 */
export async function startAppProcess(opts: {
  databaseUrl: string;
  port?: number;
  env?: Record<string, string>;
  readyWithinMs?: number;
}): Promise<AppProcess> {
  const port = opts.port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: opts.databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      YISHI_DEMO: 'false',
      // Production start-up insists on a choice of SMS provider; these processes send none.
      YISHI_SMS_PROVIDER: 'none',
      LOG_LEVEL: 'warn',
      ...opts.env,
    },
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
    const ok = await fetch(`${baseUrl}/api/session`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return { port, baseUrl, child, exited, output: () => output };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the app did not start on port ${port}:\n${output}`);
}
