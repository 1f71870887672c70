import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The sample operators install (docs/deploy.md §11): the test runs this very file. */
export const sampleConfig = path.join(root, 'docs', 'deploy', 'haproxy.cfg');
/** Response header naming the server that answered (added for tests only). */
export const SERVED_BY = 'x-yishi-served-by';
/** Request header choosing the server, while it is up (added for tests only; else round robin). */
export const CHOOSE_SERVER = 'x-yishi-test-server';

export type Haproxy = { port: number; baseUrl: string; child: ChildProcess; stop: () => Promise<void> };

/**
 * The repo's haproxy.cfg for a test: listening on 127.0.0.1:`port` over `servers` (name → port),
 * without what needs root or syslog (chroot, user, stats socket, log) and with a small global
 * maxconn, plus two test-only lines: a
 * header naming the server that answered, and one that picks a server. Health checks as in the sample.
 */
export function renderConfig(port: number, servers: Record<string, number>): string {
  const sample = fs.readFileSync(sampleConfig, 'utf8');
  if (!/^\s*bind :80$/m.test(sample) || !/^\s*server app1 /m.test(sample)) {
    throw new Error(`${sampleConfig} no longer has the \`bind :80\` and \`server app1\` lines the test rewrites`);
  }
  const serverLines = Object.entries(servers).map(([name, p]) => `    server ${name} 127.0.0.1:${p}`);
  const chooser = Object.keys(servers).map(
    (name) => `    use-server ${name} if { req.hdr(${CHOOSE_SERVER}) -m str ${name} }`,
  );
  return (
    sample
      .split('\n')
      .filter((line) => !/^\s*(chroot|user|group|stats socket|log)\b/.test(line))
      .filter((line) => !/^\s*server app\d /.test(line))
      .map((line) => (/^\s*bind :80$/.test(line) ? `    bind 127.0.0.1:${port}` : line))
      // Two file descriptors per connection: a test machine's limit may be below the sample's.
      .map((line) => (/^\s*maxconn \d+$/.test(line) ? '    maxconn 1000' : line))
      .map((line) =>
        /^backend yishi_app$/.test(line)
          ? [line, `    http-response set-header ${SERVED_BY} %s`, ...chooser, ...serverLines].join('\n')
          : line,
      )
      .join('\n')
  );
}

/** Fails with the install command when Debian's haproxy is missing. */
export function requireHaproxy(): void {
  try {
    execFileSync('haproxy', ['-v'], { stdio: 'ignore' });
  } catch {
    throw new Error('haproxy is not installed: apt-get install -y haproxy');
  }
}

/** Starts `haproxy -f <rendered config> -db` in the foreground; `stop` ends it. */
export async function startHaproxy(port: number, servers: Record<string, number>): Promise<Haproxy> {
  requireHaproxy();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-haproxy-'));
  const file = path.join(dir, 'haproxy.cfg');
  fs.writeFileSync(file, renderConfig(port, servers));
  execFileSync('haproxy', ['-c', '-q', '-f', file]);
  const child = spawn('haproxy', ['-f', file, '-db'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`haproxy exited:\n${output}`);
    if (
      await fetch(`${baseUrl}/api/session`).then(
        () => true,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    baseUrl,
    child,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
