import { normalisePhone } from '../../domain/people/phone';
import type { FastifyInstance, InjectOptions, RouteOptions } from 'fastify';
import { buildApp } from '../app';
import path from 'node:path';
import { loadConfig } from '../config';
import { loadAnchorKey } from '../modules/chain';
import type { Database } from '../db/client';
import type { SmsMessage, SmsProvider } from '../deps';
import { FakeClock } from './fake-clock';
import { createTestDatabase } from './database';

/** Captures messages instead of sending them. */
export class RecordingSms implements SmsProvider {
  readonly name = 'recording';
  readonly sent: SmsMessage[] = [];
  async send(message: SmsMessage) {
    this.sent.push(message);
    return { providerMessageId: `rec-${this.sent.length}` };
  }
  lastCodeFor(phone: string): string | undefined {
    return this.sent.filter((s) => s.phone === phone && s.template === 'login_code').at(-1)?.params.code;
  }
}

const CSRF = 'test-csrf-token';

/** A client bound to one cookie jar: sends the CSRF header and keeps the session cookie. */
export class TestClient {
  private session: string | undefined;
  constructor(
    private readonly app: FastifyInstance,
    private readonly locale = 'zh-CN',
  ) {}

  async request(opts: InjectOptions & { url: string }) {
    const cookies = [`yishi_csrf=${CSRF}`, this.session ? `yishi_session=${this.session}` : '']
      .filter(Boolean)
      .join('; ');
    const response = await this.app.inject({
      ...opts,
      headers: { cookie: cookies, 'x-csrf-token': CSRF, 'accept-language': this.locale, ...(opts.headers ?? {}) },
    });
    const set = response.cookies.find((c) => c.name === 'yishi_session');
    if (set) this.session = set.value || undefined;
    return response;
  }
  get(url: string) {
    return this.request({ method: 'GET', url });
  }
  post(url: string, payload?: unknown) {
    return this.request({ method: 'POST', url, payload: payload as InjectOptions['payload'] });
  }
  patch(url: string, payload?: unknown) {
    return this.request({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] });
  }
  put(url: string, payload?: unknown) {
    return this.request({ method: 'PUT', url, payload: payload as InjectOptions['payload'] });
  }
  delete(url: string, payload?: unknown) {
    return this.request({ method: 'DELETE', url, payload: payload as InjectOptions['payload'] });
  }
}

export type TestApp = {
  app: FastifyInstance;
  database: Database;
  sms: RecordingSms;
  /** The app's clock: runs with real time until a test sets or advances it. */
  clock: FakeClock;
  /** A client with no session. */
  anonymous: () => TestClient;
  /** A client logged in by phone code (the account or roster resident must exist). */
  loginByCode: (phone: string) => Promise<TestClient>;
  close: () => Promise<void>;
};

/**
 * The real app on a fresh database, for module tests through `app.inject`. Messages go to a
 * RecordingSms unless `configuredSms` asks for the provider the settings name; `logStream` turns
 * the log on and sends it there. The app reads time from `clock` (a FakeClock, running until moved).
 */
export async function buildTestApp(
  overrides: Record<string, string> = {},
  configure?: (app: FastifyInstance) => void,
  options: {
    configuredSms?: boolean;
    logStream?: NodeJS.WritableStream;
    onRoute?: (route: RouteOptions) => void;
    clock?: FakeClock;
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const sms = new RecordingSms();
  const clock = options.clock ?? new FakeClock();
  const config = loadConfig({
    NODE_ENV: 'test',
    YISHI_DEMO: 'false',
    LOG_LEVEL: 'silent',
    // Fixtures log in hundreds of residents from one address; tests of the limits set their own.
    YISHI_CODE_LIMIT_PER_IP: '1000000',
    YISHI_CODE_LIMIT_GLOBAL: '1000000',
    ...overrides,
  });
  const app = await buildApp({
    config,
    db: database.db,
    sms: options.configuredSms ? undefined : sms,
    // Production settings leave the key unset (main.ts would refuse): tests then use the default one.
    anchorKey: loadAnchorKey(config.anchorKey ?? { file: path.resolve('data', 'anchor-key.pem'), isGenerated: true }),
    logger: options.logStream !== undefined,
    logStream: options.logStream,
    onRoute: options.onRoute,
    clock,
  });
  configure?.(app);
  await app.ready();
  return {
    app,
    database,
    sms,
    clock,
    anonymous: () => new TestClient(app),
    loginByCode: async (phone) => {
      const client = new TestClient(app);
      const sent = await client.post('/api/auth/code', { phone });
      if (sent.statusCode !== 200) throw new Error(`code request failed: ${sent.body}`);
      const login = await client.post('/api/auth/login/code', { phone, code: sms.lastCodeFor(normalisePhone(phone)) });
      if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
      return client;
    },
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
