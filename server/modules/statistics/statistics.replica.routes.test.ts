import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { loadConfig } from '../../config';
import { openDatabase, type Database } from '../../db/client';
import { afterDeliberationWorld, type AfterDeliberationWorld } from '../../test/after-deliberation.fixtures';
import { TestClient } from '../../test/build-test-app';
import { buildStaff } from '../../test/factories';
import { statisticsBuilder } from '../../test/statistics.fixtures';
import { aggregateFigures } from './statistics.repository';

const period = 'from=2026-10-01&to=2026-11-01';

/**
 * Statistics read through `deps.readDb` on a server that refuses writes, as a hot standby does (every
 * transaction read-only): the facts of changed matters are rebuilt on the primary, never on the replica.
 */
describe('statistics on a read replica', () => {
  let w: AfterDeliberationWorld;
  let standby: Database;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let city: TestClient;

  beforeAll(async () => {
    w = await afterDeliberationWorld();
    const url = new URL(w.t.database.url);
    url.searchParams.set('options', '-c default_transaction_read_only=on');
    standby = openDatabase(url.toString(), 2);
    const config = loadConfig({ NODE_ENV: 'test', YISHI_DEMO: 'false', LOG_LEVEL: 'silent' });
    app = await buildApp({ config, db: w.db, readDb: standby.db, sms: w.t.sms, logger: false });
    await app.ready();
    const officer = await buildStaff(w.db, { role: 'city_officer', placeId: w.territory.city.id });
    city = new TestClient(app);
    expect((await city.post('/api/auth/code', { phone: officer.phone })).statusCode).toBe(200);
    const code = w.t.sms.lastCodeFor(officer.phone);
    expect((await city.post('/api/auth/login/code', { phone: officer.phone, code })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
    await standby?.close();
    await w.t.close();
  });

  it('answers with a changed matter counted: its facts rebuilt on the primary first', async () => {
    const b = statisticsBuilder(w.db, w.residentAccountId, w.staff.convenor.id);
    const view = async () => {
      const res = await city.get(`/api/statistics?placeId=${w.territory.city.id}&${period}&groupBy=month`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().totals.raised.value as number;
    };
    const before = await view();
    await b.matter({ placeId: w.territory.village.id, stages: [['raised', '2026-10-05']] });
    expect(await view()).toBe(before + 1);
    const behind = await city.get(`/api/statistics/matters?placeId=${w.territory.city.id}&${period}&figure=raised`);
    expect(behind.json().total).toBe(before + 1);
  });

  it('sums what the replica holds when matters changed that only the primary can rebuild', async () => {
    const b = statisticsBuilder(w.db, w.residentAccountId, w.staff.convenor.id);
    await b.matter({ placeId: w.territory.village.id, stages: [['raised', '2026-10-07']] });
    const scope = { path: w.territory.city.path, from: '2026-10-01', to: '2026-11-01', today: '2026-12-06' };
    // The rebuild is refused by the read-only server (SQLSTATE 25006) and left to the primary.
    await expect(aggregateFigures(standby.db, scope, 'month')).resolves.toBeInstanceOf(Array);
  });
});
