import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { loadConfig } from '../../config';
import { openDatabase, type Database } from '../../db/client';
import { createTestDatabase } from '../../test/database';
import { buildResident, buildStaff, buildTerritory } from '../../test/factories';
import { buildMatter } from '../../test/matter-factories';
import { TestClient } from '../../test/build-test-app';

/** Reads server-sent events from a real socket until `predicate` matches or time runs out. */
async function readEvents(url: string, cookie: string, predicate: (events: string[]) => boolean, ms = 5000) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  const events: string[] = [];
  try {
    const response = await fetch(url, { headers: { cookie }, signal: controller.signal });
    const reader = response.body!.getReader();
    let buffer = '';
    while (!predicate(events)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += new TextDecoder().decode(value);
      const blocks = buffer.split('\n\n');
      buffer = blocks.pop()!;
      events.push(...blocks.filter((b) => b.includes('event:')));
    }
    controller.abort();
  } catch (error) {
    if (!(error instanceof Error && error.name === 'AbortError')) throw error;
  } finally {
    clearTimeout(timer);
  }
  return events;
}

describe('live matter pages across app processes', () => {
  let database: Database;
  let first: FastifyInstance;
  let second: FastifyInstance;
  let other: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    const config = loadConfig({ NODE_ENV: 'test', YISHI_DEMO: 'false', LOG_LEVEL: 'silent' });
    first = await buildApp({ config, db: database.db, logger: false });
    // A second app with its own pool: a separate process as far as PostgreSQL can tell.
    other = openDatabase(database.url, 3);
    second = await buildApp({ config, db: other.db, logger: false });
    await second.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await second.close();
    await other.close();
    await first.close();
    await database.close();
  });

  it('pushes a change made through one app to a page served by the other', async () => {
    const territory = await buildTerritory(database.db);
    await buildResident(database.db, { placeId: territory.unit2.id, phone: '13800000201' });
    await buildStaff(database.db, { role: 'convenor', placeId: territory.community.id, phone: '13700000201' });
    const convenor = new TestClient(first);
    const login = await convenor.post('/api/auth/login/password', { phone: '13700000201', password: 'demo1234' });
    const sessionCookie = login.cookies.find((c) => c.name === 'yishi_session')!.value;
    const matter = await buildMatter(database.db, {
      placeId: territory.building.id,
      proposerAccountId: login.json().account.id,
    });

    const address = second.server.address() as { port: number };
    const watching = readEvents(
      `http://127.0.0.1:${address.port}/api/matters/${matter.id}/events`,
      `yishi_session=${sessionCookie}`,
      (events) => events.some((e) => e.includes('"action":"decline"')),
    );
    await new Promise((r) => setTimeout(r, 300));
    const declined = await convenor.post(`/api/matters/${matter.id}/decline`, { reason: '重复提交，已合并处理' });
    expect(declined.statusCode).toBe(200);
    const events = await watching;
    expect(events[0]).toContain('event: ready');
    expect(
      events.some((e) => e.includes('event: matter') && e.includes('"seq":2') && e.includes('"action":"decline"')),
    ).toBe(true);
  });

  it('refuses the stream of a matter the viewer may not see', async () => {
    const response = await second.inject({ method: 'GET', url: '/api/matters/999999/events' });
    expect(response.statusCode).toBe(401);
  });
});
