import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** When set, use this PostgreSQL (≥ 15) instead of the embedded server. */
  DATABASE_URL: z.string().url().optional(),
  /** Folder for the embedded PostgreSQL cluster and uploaded files. */
  YISHI_DATA_DIR: z.string().default('./data'),
  YISHI_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  /** Demo mode seeds demo data on an empty database and shows login codes on the page. */
  YISHI_DEMO: booleanFlag.default(true),
  YISHI_SEED: z.coerce.number().int().default(20261125),
  /** Session lifetime in hours (sliding). */
  YISHI_SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  YISHI_SECURE_COOKIES: booleanFlag.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  pgPort: number;
  isDemo: boolean;
  seed: number;
  sessionHours: number;
  secureCookies: boolean;
  logLevel: string;
};

/** Parses the environment once; exits with a readable message when a variable is malformed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.YISHI_DATA_DIR),
    pgPort: e.YISHI_PG_PORT,
    isDemo: e.YISHI_DEMO,
    seed: e.YISHI_SEED,
    sessionHours: e.YISHI_SESSION_HOURS,
    secureCookies: e.YISHI_SECURE_COOKIES,
    logLevel: e.LOG_LEVEL,
  };
}
