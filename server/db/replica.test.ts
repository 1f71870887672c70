import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../test/app-process';
import { createTestDatabase } from '../test/database';
import { openDatabase, type Database } from './client';
import { lsnBytes, ReadRouter } from './replica';

const whoAnswers = async (router: ReadRouter) => {
  const { rows } = await router.readDb.execute<{ db: string }>(sql`select current_database() as db`);
  return rows[0]!.db;
};

describe('read router', () => {
  let primary: Database;
  beforeAll(async () => {
    primary = await createTestDatabase();
  });
  afterAll(async () => primary.close());

  it('reads WAL positions as byte offsets', () => {
    expect(lsnBytes('0/3016038')).toBe(0x3016038n);
    expect(lsnBytes('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
    expect(lsnBytes('1/0') > lsnBytes('0/FFFFFFFF')).toBe(true);
  });

  it('reads from the primary until the replica is checked', async () => {
    const router = new ReadRouter(primary.db, primary.db, { maxLagMs: 30_000 });
    expect(router.status()).toMatchObject({ state: 'starting', readsFrom: 'primary' });
  });

  it('never reads from a server that is no standby (a promoted or misconfigured replica)', async () => {
    const other = openDatabase(primary.url, 1);
    const router = new ReadRouter(primary.db, other.db, { maxLagMs: 30_000 });
    try {
      expect(await router.check()).toMatchObject({ state: 'not_standby', readsFrom: 'primary', lagSeconds: null });
      expect(await whoAnswers(router)).toBe(new URL(primary.url).pathname.slice(1));
    } finally {
      await other.close();
    }
  });

  it('reads from the primary while the replica is unreachable', async () => {
    const gone = openDatabase(`postgres://postgres@127.0.0.1:${await freePort()}/postgres`, 1);
    const changes: string[] = [];
    const router = new ReadRouter(primary.db, gone.db, {
      maxLagMs: 30_000,
      onChange: (now, before) => changes.push(`${before.state}→${now.state}`),
    });
    try {
      expect(await router.check()).toMatchObject({
        state: 'unreachable',
        readsFrom: 'primary',
        isPrimaryReachable: true,
      });
      expect(changes).toEqual(['starting→unreachable']);
      expect(await whoAnswers(router)).toBe(new URL(primary.url).pathname.slice(1));
    } finally {
      await gone.close();
    }
  });
});
