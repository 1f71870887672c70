import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { loadConfig } from './config';
import type { Database } from './db/client';
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
    const app = await buildApp({ config, db: database.db, sms, logStream: stream });
    const territory = await buildTerritory(database.db);
    await buildResident(database.db, { placeId: territory.unit2.id, name: '欧阳秀英', phone: '13612345678' });
    await buildStaff(database.db, { role: 'convenor', placeId: territory.community.id, phone: '13712345678' });

    const staff = new TestClient(app);
    expect(
      (await staff.post('/api/auth/login/password', { phone: '13712345678', password: 'demo1234' })).statusCode,
    ).toBe(200);
    const found = await staff.get(`/api/places/${territory.community.id}/residents?q=${encodeURIComponent('欧阳')}`);
    expect(found.json().items[0].name).toBe('欧阳秀英');
    const resident = new TestClient(app);
    expect((await resident.post('/api/auth/code', { phone: '13612345678' })).statusCode).toBe(200);
    await app.close();

    expect(lines).toContain('/api/places/'); // requests are logged…
    expect(sms.lastCodeFor('13612345678')).toMatch(/^\d{6}$/); // a code went out…
    for (const secret of ['欧阳', encodeURIComponent('欧阳'), '13612345678', '13712345678', 'demo1234']) {
      expect(lines).not.toContain(secret); // …and nothing personal in clear.
    }
  });
});
