import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildApp } from './app';
import { loadConfig } from './config';
import type { Database } from './db/client';
import { serializeError } from './plugins/db-errors';
import { createTestDatabase } from './test/database';
import { buildResident, buildStaff, buildTerritory } from './test/factories';
import { RecordingSms, TestClient } from './test/build-test-app';

describe('logs', () => {
  let database: Database;
  let lines = '';
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  it('carry no names, phones or codes in clear, even when a name is searched', async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => (lines += chunk.toString()));
    const config = loadConfig({ NODE_ENV: 'test', YISHI_DEMO: 'false', LOG_LEVEL: 'info' });
    const sms = new RecordingSms();
    const app = await buildApp({ config, db: database.db, logStream: stream, sms });
    const territory = await buildTerritory(database.db);
    await buildResident(database.db, { placeId: territory.unit2.id, name: '欧阳秀英', phone: '13612345678' });
    await buildStaff(database.db, { role: 'convenor', placeId: territory.community.id, phone: '13712345678' });

    const staff = new TestClient(app);
    const login = await staff.post('/api/auth/login/password', { phone: '13712345678', password: 'demo1234' });
    expect(login.statusCode).toBe(200);
    const found = await staff.get(`/api/places/${territory.community.id}/residents?q=${encodeURIComponent('欧阳')}`);
    expect(found.json().items[0].name).toBe('欧阳秀英');
    const resident = new TestClient(app);
    expect((await resident.post('/api/auth/code', { phone: '13612345678' })).statusCode).toBe(200);
    await app.close();

    const code = sms.lastCodeFor('13612345678');
    expect(code).toMatch(/^\d{6}$/);

    expect(lines).toContain('/api/places/'); // requests are logged…
    for (const secret of ['欧阳', encodeURIComponent('欧阳'), '13612345678', '13712345678', 'demo1234', code!]) {
      expect(lines).not.toContain(secret); // …and nothing personal in clear.
    }
  });

  it('keep a 500 without the bound parameters: the searched name stays out, the SQLSTATE goes in', async () => {
    let log = '';
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const config = loadConfig({ NODE_ENV: 'test', YISHI_DEMO: 'false', LOG_LEVEL: 'info' });
    const app = await buildApp({ config, db: database.db, logStream: stream });
    const territory = await buildTerritory(database.db);
    await buildStaff(database.db, { role: 'convenor', placeId: territory.community.id, phone: '13712345670' });
    const staff = new TestClient(app);
    await staff.post('/api/auth/login/password', { phone: '13712345670', password: 'demo1234' });
    // A fault the search cannot survive (a column gone): drizzle's error names the SQL and its parameters.
    await database.db.execute(sql`alter table residents rename column name to name_gone`);
    try {
      const failed = await staff.get(
        `/api/places/${territory.community.id}/residents?q=${encodeURIComponent('司马相如')}`,
      );
      expect(failed.statusCode).toBe(500);
      expect(failed.json().error.code).toBe('internal');
    } finally {
      await database.db.execute(sql`alter table residents rename column name_gone to name`);
    }
    await app.close();
    const line = log.split('\n').find((l) => l.includes('unhandled error'));
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ sqlstate: '42703', err: { type: 'DrizzleQueryError' } });
    for (const secret of ['司马', encodeURIComponent('司马'), 'params:', '13712345670'])
      expect(log).not.toContain(secret);
  });

  it('mask the phone in the demo SMS line, the one place a code may be logged (demo mode only)', async () => {
    let log = '';
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const config = loadConfig({ NODE_ENV: 'test', YISHI_DEMO: 'true', LOG_LEVEL: 'info' });
    const app = await buildApp({ config, db: database.db, logStream: stream });
    const territory = await buildTerritory(database.db);
    await buildResident(database.db, { placeId: territory.unit2.id, name: '上官婉儿', phone: '13612340000' });
    expect((await new TestClient(app).post('/api/auth/code', { phone: '13612340000' })).statusCode).toBe(200);
    await app.close();
    expect(log).toContain('136****0000');
    expect(log).not.toContain('13612340000');
  });

  it('keep a value out of a data exception (SQLSTATE 22P02 quotes its input)', async () => {
    const error = await database.db.execute(sql`select ${'x13612345678'}::int`).catch((e: unknown) => e);
    expect(String((error as Error).message)).toContain('13612345678'); // drizzle's own message carries it…
    const logged = JSON.stringify(serializeError(error));
    expect(logged).not.toContain('13612345678'); // …the logged form does not
    expect(logged).toContain('"sqlstate":"22P02"');
  });
});
