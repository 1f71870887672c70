import type { Config } from './config';
import type { Db } from './db/client';
import type { SmsProvider } from './modules/auth';

/** What every module plugin receives from buildApp. */
export type AppDeps = { db: Db; config: Config; sms: SmsProvider };
