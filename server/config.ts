import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { replicaConfigFrom, replicaEnvSchema, type ReplicaConfig } from './config.replica';
import { rosterConfigFrom, rosterEnvSchema, type RosterConfig } from './config.roster';
import { smsConfigFrom, smsEnvSchema, type SmsConfig } from './config.sms';
import { channelsConfigFrom, channelsEnvSchema, type WebpushConfig, type WechatConfig } from './config.channels';

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** A comma-separated list, blanks dropped. */
const list = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

/**
 * Every setting the server reads, with its default. docs/deploy.md lists the same variables for
 * operators; keep the two together.
 */
const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    /** Listen address. Default: 127.0.0.1 in demo mode (a demo is never exposed by accident), else 0.0.0.0. */
    HOST: z.string().min(1).optional(),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /**
     * App processes serving requests (node:cluster): a number ≥ 1, or `auto` (one per core,
     * os.availableParallelism()). Default: `auto` when NODE_ENV=production, else 1.
     */
    YISHI_WORKERS: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(256)]).optional(),
    /** When set, use this PostgreSQL (≥ 15) instead of the embedded server. */
    DATABASE_URL: z.string().url().optional(),
    /** Folder for the embedded PostgreSQL cluster and uploaded files. */
    YISHI_DATA_DIR: z.string().default('./data'),
    YISHI_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
    /**
     * When the embedded PostgreSQL dies under the running app, how long (seconds) the app tries to
     * start it again before it exits with a non-zero code for its supervisor (systemd) to restart it.
     */
    YISHI_PG_RESTART_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    /**
     * Demo mode: seed the demo city on an empty database, show login codes on the page, let the demo
     * accounts log in. Default: on only for the embedded quick start outside production.
     */
    YISHI_DEMO: booleanFlag.optional(),
    YISHI_SEED: z.coerce.number().int().default(20261125),
    /** Session lifetime in hours (sliding). */
    YISHI_SESSION_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(12),
    /**
     * How long (seconds) an app process reuses a looked-up session before asking the database again; a
     * logout, disabled account or changed grant reaches every process at once (NOTIFY). 0: always ask.
     */
    YISHI_SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
    /** Cookies only over HTTPS. Default: on when NODE_ENV=production. */
    YISHI_SECURE_COOKIES: booleanFlag.optional(),
    /**
     * Which proxies may set X-Forwarded-For: unset/`false` trusts none (the socket's address is the
     * client), a number trusts that many hops, else a comma list of addresses or CIDRs (e.g. `127.0.0.1`).
     */
    YISHI_TRUST_PROXY: z.string().optional(),
    /** Addresses or CIDRs that may read GET /metrics. */
    YISHI_METRICS_ALLOW: list.default(['127.0.0.1/32', '::1/128']),
    /** Login-code requests allowed per client address per hour (carrier NAT puts many phones behind one). */
    YISHI_CODE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(60),
    YISHI_LOGIN_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
    /** Login-code requests allowed across the whole service per minute (caps SMS spend under attack). */
    YISHI_CODE_LIMIT_GLOBAL: z.coerce.number().int().min(1).default(300),
    /**
     * The Ed25519 private key (PKCS#8 PEM) that signs the daily chain anchors. Kept outside the
     * database and backed up apart from it. Required in production; elsewhere default
     * `<YISHI_DATA_DIR>/anchor-key.pem`, created on first start.
     */
    YISHI_ANCHOR_KEY_FILE: z.string().min(1).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** A request slower than this (ms) is logged at warn whatever the sample. */
    YISHI_LOG_SLOW_MS: z.coerce.number().int().min(0).default(1000),
    /**
     * Share (0–1) of ordinary requests logged at info; 5xx and slow ones are always logged. Default: 0 in
     * production, 1 elsewhere and in demo mode.
     */
    YISHI_LOG_SAMPLE: z.coerce.number().min(0).max(1).optional(),
  })
  .extend(smsEnvSchema.shape)
  .extend(rosterEnvSchema.shape)
  .extend(replicaEnvSchema.shape)
  .extend(channelsEnvSchema.shape);

export type TrustProxy = false | number | string[];

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** App processes serving requests; 1 runs everything in the one process (no cluster). */
  workers: number;
  databaseUrl: string | undefined;
  /** The read replica (DATABASE_REPLICA_URL) and its lag bound, if one is set. */
  replica: ReplicaConfig;
  dataDir: string;
  pgPort: number;
  pgRestartSeconds: number;
  isDemo: boolean;
  /** Why demo mode is off although the default would have it on (for the start-up log), if it is. */
  demoRefusal: string | undefined;
  seed: number;
  sessionHours: number;
  /** How long a process reuses a looked-up session (seconds; 0 never). */
  sessionCacheSeconds: number;
  secureCookies: boolean;
  trustProxy: TrustProxy;
  metricsAllow: string[];
  codeLimitPerIp: number;
  /** Login attempts (code or password) allowed per client address per minute. */
  loginLimitPerMinute: number;
  codeLimitGlobal: number;
  sms: SmsConfig;
  /**
   * Where the anchor signing key is read from; `isGenerated`: created there when missing (never in
   * production, where an unset file is undefined and server/main.ts refuses to start).
   */
  anchorKey: { file: string; isGenerated: boolean } | undefined;
  roster: RosterConfig;
  /** The WeChat official account (disabled unless configured). */
  wechat: WechatConfig;
  webpush: WebpushConfig;
  logLevel: string;
  /** Requests slower than this (ms) are logged at warn. */
  logSlowMs: number;
  /** Share of other requests (status < 500) logged at info. */
  logSample: number;
};

function trustProxyFrom(value: string | undefined): TrustProxy {
  const v = value?.trim();
  if (!v || v === 'false' || v === '0') return false;
  if (/^\d+$/.test(v)) return Number(v);
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function workersFrom(value: number | 'auto' | undefined, env: string): number {
  const chosen = value ?? (env === 'production' ? 'auto' : 1);
  return chosen === 'auto' ? os.availableParallelism() : chosen;
}

/**
 * Demo mode is opt-in wherever it could reach real people: with NODE_ENV=production or an external
 * DATABASE_URL it is on only when YISHI_DEMO=true is given explicitly.
 */
function demoModeFrom(e: { NODE_ENV: string; DATABASE_URL?: string; YISHI_DEMO?: boolean }) {
  const reasons = [
    e.NODE_ENV === 'production' ? 'NODE_ENV=production' : undefined,
    e.DATABASE_URL ? 'DATABASE_URL is set' : undefined,
  ].filter(Boolean);
  if (e.YISHI_DEMO !== undefined) return { isDemo: e.YISHI_DEMO, demoRefusal: undefined };
  if (reasons.length === 0) return { isDemo: true, demoRefusal: undefined };
  return {
    isDemo: false,
    demoRefusal: `demo mode is off because ${reasons.join(' and ')}; set YISHI_DEMO=true to run a demo on purpose`,
  };
}

/** Parses the environment once; throws a readable message when a variable is malformed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const { isDemo, demoRefusal } = demoModeFrom(e);
  return {
    env: e.NODE_ENV,
    host: e.HOST ?? (isDemo ? '127.0.0.1' : '0.0.0.0'),
    port: e.PORT,
    workers: workersFrom(e.YISHI_WORKERS, e.NODE_ENV),
    databaseUrl: e.DATABASE_URL,
    replica: replicaConfigFrom(e),
    dataDir: path.resolve(e.YISHI_DATA_DIR),
    pgPort: e.YISHI_PG_PORT,
    pgRestartSeconds: e.YISHI_PG_RESTART_SECONDS,
    isDemo,
    demoRefusal,
    seed: e.YISHI_SEED,
    sessionHours: e.YISHI_SESSION_HOURS,
    sessionCacheSeconds: e.YISHI_SESSION_CACHE_SECONDS,
    secureCookies: e.YISHI_SECURE_COOKIES ?? e.NODE_ENV === 'production',
    trustProxy: trustProxyFrom(e.YISHI_TRUST_PROXY),
    metricsAllow: e.YISHI_METRICS_ALLOW,
    codeLimitPerIp: e.YISHI_CODE_LIMIT_PER_IP,
    loginLimitPerMinute: e.YISHI_LOGIN_LIMIT_PER_MINUTE,
    codeLimitGlobal: e.YISHI_CODE_LIMIT_GLOBAL,
    sms: smsConfigFrom(e, isDemo),
    anchorKey: e.YISHI_ANCHOR_KEY_FILE
      ? { file: path.resolve(e.YISHI_ANCHOR_KEY_FILE), isGenerated: false }
      : e.NODE_ENV === 'production'
        ? undefined
        : { file: path.resolve(e.YISHI_DATA_DIR, 'anchor-key.pem'), isGenerated: true },
    roster: rosterConfigFrom(e),
    ...channelsConfigFrom(e, path.resolve(e.YISHI_DATA_DIR)),
    logLevel: e.LOG_LEVEL,
    logSlowMs: e.YISHI_LOG_SLOW_MS,
    logSample: e.YISHI_LOG_SAMPLE ?? (e.NODE_ENV === 'production' && !isDemo ? 0 : 1),
  };
}
