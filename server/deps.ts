import type { Config } from './config';
import type { Db } from './db/client';

/** Sends one-time login codes. Production wires a real SMS gateway behind this interface. */
export interface SmsProvider {
  sendLoginCode(phone: string, code: string): Promise<void>;
}

/** What every module plugin receives from buildApp. */
export type AppDeps = { db: Db; config: Config; sms: SmsProvider };
