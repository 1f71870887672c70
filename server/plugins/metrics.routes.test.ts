import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import { openDatabase } from '../db/client';
import { smsMessages } from '../db/schema';
import { afterDeliberationWorld, type AfterDeliberationWorld } from '../test/after-deliberation.fixtures';
import { buildOwners, residentClient } from '../test/ballot-factories';
import { buildPlace } from '../test/factories';
import { AppRuntime, type JobQueueProbe } from './runtime';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('metrics', () => {
  let w: AfterDeliberationWorld;
  const runtime = new AppRuntime({ expectsJobQueue: true });
  const probe: JobQueueProbe = {
    isRunning: () => true,
    queueDepths: async () => ({ 'ballots-close-due': 2, 'sms-send': 0 }),
  };
  beforeAll(async () => {
    w = await afterDeliberationWorld();
  });
  afterAll(async () => w.t.close());

  /** An app on the world's database with the test's own runtime (the job queue as the test sets it). */
  async function appWith(env: Record<string, string> = {}, db = w.db) {
    const config = loadConfig({ NODE_ENV: 'test', YISHI_DEMO: 'false', LOG_LEVEL: 'silent', ...env });
    return buildApp({ config, db, sms: w.t.sms, runtime, logger: false });
  }

  describe('GET /metrics', () => {
    it('is an unknown path to addresses off the list, whatever X-Forwarded-For says', async () => {
      const app = await appWith({ YISHI_TRUST_PROXY: '10.0.0.0/8', YISHI_METRICS_ALLOW: '127.0.0.1,10.1.2.3' });
      // Exactly what a path that does not exist gets: a JSON 404, or the web app's page when it is built.
      const unknown = await app.inject({ method: 'GET', url: '/no-such-page', remoteAddress: '203.0.113.9' });
      expect([404, 200]).toContain(unknown.statusCode);
      const outside = await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' });
      expect(outside.statusCode).toBe(unknown.statusCode);
      expect(outside.headers['content-type']).toBe(unknown.headers['content-type']);
      expect(outside.body).not.toContain('yishi_');
      const forged = await app.inject({
        method: 'GET',
        url: '/metrics',
        remoteAddress: '10.9.9.9',
        headers: { 'x-forwarded-for': '127.0.0.1' },
      });
      expect(forged.statusCode).toBe(unknown.statusCode);
      expect(forged.body).not.toContain('yishi_');
      const scraper = await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3' });
      expect(scraper.statusCode).toBe(200);
      // Through nginx on the app's own host: the peer is 127.0.0.1 (listed), but the request was proxied.
      const viaProxy = await app.inject({
        method: 'GET',
        url: '/metrics',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': '198.51.100.7' },
      });
      expect(viaProxy.statusCode).toBe(unknown.statusCode);
      expect(viaProxy.body).not.toContain('yishi_');
      const mapped = await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '::ffff:127.0.0.1' });
      expect(mapped.statusCode).toBe(200);
      await app.close();
    });

    it('refuses a malformed allow list at start', async () => {
      await expect(appWith({ YISHI_METRICS_ALLOW: '127.0.0.1,not-an-address' })).rejects.toThrow(/YISHI_METRICS_ALLOW/);
      await expect(appWith({ YISHI_METRICS_ALLOW: '10.0.0.0/33' })).rejects.toThrow(/10\.0\.0\.0\/33/);
    });

    it('reports requests by route pattern, votes written, queue depth, SMS records and pool use', async () => {
      // Its own pool on the world's database: the world's app (another app in this process) votes
      // through w.db, and those votes are not this app's.
      const own = openDatabase(w.t.database.url, 3);
      const app = await appWith({}, own.db);
      runtime.jobQueue = probe;
      await w.db.insert(smsMessages).values([
        { template: 'login_code', phone: '13800000001', status: 'sent' },
        { template: 'login_code', phone: '13800000002', status: 'sent' },
        { template: 'invitation', phone: '13800000003', status: 'failed' },
      ]);
      const matter = await w.matterAt('deliberating');
      const { ballotId, residentIds } = await openBallot(matter.id);
      const voters = [];
      for (const id of residentIds) voters.push(await residentClient({ ...w.t, app }, id));
      for (const voter of voters) {
        const cast = await voter.post(`/api/ballots/${ballotId}/votes`, { choice: 'for' });
        expect(cast.statusCode, cast.body).toBe(201);
      }
      const elsewhere = await residentClient(w.t, residentIds[0]!);
      await elsewhere.get(`/api/ballots/${ballotId}`); // through the world's app: not counted here
      await voters[0]!.get(`/api/matters/${matter.id}`);

      const scrape = await app.inject({ method: 'GET', url: '/metrics' });
      expect(scrape.statusCode).toBe(200);
      expect(scrape.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = scrape.body;
      expect(text).toMatch(
        /yishi_http_request_duration_seconds_count\{method="POST",route="\/api\/ballots\/:id\/votes",status_code="201"\} 2/,
      );
      expect(text).toMatch(/route="\/api\/matters\/:id",status_code="200"/);
      expect(text).not.toContain(`/api/matters/${matter.id}"`);
      expect(text).toMatch(/^yishi_votes_written_total 2$/m);
      expect(text).toMatch(/^yishi_job_queue_depth\{queue="ballots-close-due"\} 2$/m);
      // The logins above recorded their codes' deliveries too: the gauge reads the table as it is.
      const { rows } = await w.db.execute<{ n: number }>(
        sql`select count(*)::int as n from sms_messages where template = 'login_code' and status = 'sent'`,
      );
      expect(rows[0]!.n).toBeGreaterThan(2);
      expect(text).toMatch(
        new RegExp(`^yishi_sms_messages\\{template="login_code",status="sent"\\} ${rows[0]!.n}$`, 'm'),
      );
      expect(text).toMatch(/^yishi_sms_messages\{template="invitation",status="failed"\} 1$/m);
      expect(text).toMatch(/^yishi_db_pool_connections\{state="total"\} [1-3]$/m);
      expect(text).toMatch(/^yishi_db_pool_connections\{state="waiting"\} \d+$/m);
      expect(text).toMatch(/^yishi_db_pool_max 3$/m);
      expect(text).toMatch(/^process_cpu_user_seconds_total /m);
      const world = await appWith();
      expect((await world.inject({ method: 'GET', url: '/metrics' })).body).toMatch(/^yishi_votes_written_total 0$/m);
      await world.close();
      await app.close();
      await own.close();
    });
  });

  /** An open ballot over a fresh unit with two owners, and their session cookies. */
  async function openBallot(matterId: number) {
    const unit = await buildPlace(w.db, { kind: 'unit', name: '9单元', parentId: w.territory.building.id });
    const owners = await buildOwners(w.db, unit.id, [
      { name: '业主甲', phone: '13820009001', areas: [8000] },
      { name: '业主乙', phone: '13820009002', areas: [9000] },
    ]);
    const created = await w.clients.convenor.post(`/api/matters/${matterId}/ballots`, {
      question: '是否同意加装电梯？',
      ruleKey: 'civil_code_278_major',
      electorateKind: 'owners',
      secrecy: 'named',
      allowsChange: false,
      closesAt: inDays(7),
      scopePlaceId: unit.id,
    });
    expect(created.statusCode, created.body).toBe(201);
    const ballotId = created.json().id as number;
    expect((await w.clients.convenor.post(`/api/ballots/${ballotId}/open`)).statusCode).toBe(200);
    return { ballotId, residentIds: owners.map((o) => o.resident.id) };
  }
});
