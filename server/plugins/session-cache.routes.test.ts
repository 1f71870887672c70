import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import { openDatabase, type Database } from '../db/client';
import { setAccountActive } from '../modules/accounts';
import { deleteGrant, insertGrant } from '../modules/grants';
import { createTestDatabase } from '../test/database';
import { buildStaff, buildTerritory } from '../test/factories';

// Two apps on the same database, each with its own pool, stand for two app processes: what app 1
// writes reaches app 2's session cache only through PostgreSQL's NOTIFY.
let database: Database;
let second: Database;
let app1: FastifyInstance;
let app2: FastifyInstance;
let territory: Awaited<ReturnType<typeof buildTerritory>>;

const config = loadConfig({ NODE_ENV: 'test', YISHI_DEMO: 'false', LOG_LEVEL: 'silent' });
const csrf = 'session-cache-csrf';
const send = (app: FastifyInstance, method: 'GET' | 'POST', url: string, token: string) =>
  app.inject({
    method,
    url,
    headers: { cookie: `yishi_csrf=${csrf}; yishi_session=${token}`, 'x-csrf-token': csrf },
  });
const accountOn = async (app: FastifyInstance, token: string): Promise<number | null> =>
  ((await send(app, 'GET', '/api/session', token)).json().account?.id as number | undefined) ?? null;
const staffListOn = async (app: FastifyInstance, token: string) =>
  (await send(app, 'GET', `/api/places/${territory.community.id}/staff`, token)).statusCode;
/** The NOTIFY arrives on its own connection a moment after the COMMIT: far sooner than the cache's 60 s. */
const soon = { timeout: 2000, interval: 20 };

/** A password login through app 1: its reply (the session view, read from the tables) and session token. */
async function logIn(phone: string) {
  const login = await app1.inject({
    method: 'POST',
    url: '/api/auth/login/password',
    headers: { cookie: `yishi_csrf=${csrf}`, 'x-csrf-token': csrf },
    payload: { phone, password: 'demo1234' },
  });
  expect(login.statusCode).toBe(200);
  return { view: login.json(), token: login.cookies.find((c) => c.name === 'yishi_session')!.value };
}

/** A convenor of the community logged in through app 1: its account id and session token. */
async function convenorSession(phone: string) {
  const staff = await buildStaff(database.db, { role: 'convenor', placeId: territory.community.id, phone });
  return { id: staff.id, token: (await logIn(phone)).token };
}

/** Ends the LISTEN connections of both apps, as a database restart or a network cut would. */
async function cutListeners() {
  await database.db.execute(
    sql`select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and query like 'listen %'`,
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
  second = openDatabase(database.url, 3);
  app1 = await buildApp({ config, db: database.db, logger: false });
  app2 = await buildApp({ config, db: second.db, logger: false });
  await Promise.all([app1.ready(), app2.ready()]);
  territory = await buildTerritory(database.db);
});
afterAll(async () => {
  await app1.close();
  await app2.close();
  await second.close();
  await database.close();
});

describe('the session cache', () => {
  it('serves a session again without asking the database', async () => {
    const { id, token } = await convenorSession('13700001001');
    expect(await accountOn(app2, token)).toBe(id);
    // Deleted behind the apps' backs (no signal): app 2 still has it cached, for at most its lifetime.
    await database.db.execute(sql`delete from sessions where account_id = ${id}`);
    expect(await accountOn(app2, token)).toBe(id);
  });

  it('forgets a session logged out through the other process', async () => {
    const { id, token } = await convenorSession('13700001002');
    expect(await accountOn(app2, token)).toBe(id);
    expect((await send(app1, 'POST', '/api/auth/logout', token)).statusCode).toBe(200);
    expect(await accountOn(app1, token)).toBeNull(); // the writing process at once
    await expect.poll(() => accountOn(app2, token), soon).toBeNull();
  });

  it('forgets the sessions of an account disabled through the other process', async () => {
    const { id, token } = await convenorSession('13700001003');
    expect(await accountOn(app2, token)).toBe(id);
    await setAccountActive(database.db, '13700001003', false, 'cli:operator@host');
    await expect.poll(() => accountOn(app2, token), soon).toBeNull();
  });

  it('drops a revoked grant in the other process', async () => {
    const { id, token } = await convenorSession('13700001004');
    expect(await staffListOn(app2, token)).toBe(200);
    await database.db.transaction((tx) =>
      deleteGrant(tx, { accountId: id, role: 'convenor', placeId: territory.community.id }),
    );
    await expect.poll(() => staffListOn(app2, token), soon).toBe(403);
  });

  it('answers GET /api/session from the cached session as the tables would, and follows a new grant', async () => {
    const { id, token } = await convenorSession('13700001007');
    const first = await logIn('13700001007');
    expect((await send(app2, 'GET', '/api/session', token)).json()).toEqual(first.view);
    await database.db.transaction((tx) =>
      insertGrant(tx, { accountId: id, role: 'grid_worker', placeId: territory.building.id }),
    );
    await expect
      .poll(async () => (await send(app2, 'GET', '/api/session', token)).json().account.grants.length, soon)
      .toBe(2);
    const again = await logIn('13700001007');
    expect(again.view.account.grants).toHaveLength(2);
    expect((await send(app2, 'GET', '/api/session', token)).body).toBe(
      (await send(app1, 'GET', '/api/session', again.token)).body,
    );
    expect((await send(app2, 'GET', '/api/session', token)).json()).toEqual(again.view);
  });

  it('is bypassed while its process does not hear the signals, and trusted again once it does', async () => {
    const { id, token } = await convenorSession('13700001005');
    expect(await accountOn(app2, token)).toBe(id);
    await cutListeners();
    await expect.poll(() => app2.sessionSignals.isListening, soon).toBe(false);
    // A logout this process could not hear of: the database is asked, so it counts at once.
    await database.db.execute(sql`delete from sessions where account_id = ${id}`);
    expect(await accountOn(app2, token)).toBeNull();

    // The LISTEN comes back (a retry a second later): the cache starts empty and serves again.
    await expect.poll(() => app2.sessionSignals.isListening, { timeout: 5000, interval: 50 }).toBe(true);
    const again = await convenorSession('13700001006');
    expect(await accountOn(app2, again.token)).toBe(again.id);
    await database.db.execute(sql`delete from sessions where account_id = ${again.id}`);
    expect(await accountOn(app2, again.token)).toBe(again.id);
  });
});
