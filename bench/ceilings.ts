/**
 * The HTTP ceiling every bench quotes its request figures against: a bare Fastify app with one route,
 * in its own process like the app under test, driven by the same load generator in the same run.
 */
import { spawn } from 'node:child_process';
import { freePort } from '../server/test/app-process';
import { runLoad, type LoadResult } from './load';

const program = `
import Fastify from 'fastify';
const app = Fastify({ logger: false });
app.get('/bare', async () => ({ ok: true }));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
console.log('listening');
`;

/** Starts the bare Fastify process; `stop` ends it. */
export async function startBareFastify(): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--input-type=module', '-e', program], {
    cwd: new URL('..', import.meta.url).pathname,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('listening') && resolve());
    child.once('exit', (code) => reject(new Error(`the bare Fastify process exited with ${code}`)));
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** GET /bare from `connections` connections for `seconds`: the same-run HTTP ceiling. */
export async function measureBareFastify(connections = 64, seconds = 5): Promise<LoadResult> {
  const bare = await startBareFastify();
  try {
    await runLoad({ baseUrl: bare.baseUrl, requests: { path: '/bare' }, connections, seconds: 1 }); // warm-up
    return await runLoad({ baseUrl: bare.baseUrl, requests: { path: '/bare' }, connections, seconds });
  } finally {
    await bare.stop();
  }
}
