import type { Clock } from './clock';
import type { Config } from './config';
import type { SmsTemplate } from './config.sms';
import type { Db } from './db/client';
import type { AnchorKey } from './modules/chain/anchor-key';

/** One text message: the recipient, the template kind and its parameters (values as the template names them). */
export type SmsMessage = { phone: string; template: SmsTemplate; params: Record<string, string> };

/**
 * Delivers text messages through one provider (Alibaba Cloud, Tencent Cloud, the demo log).
 * A provider refusal throws `SmsError` (server/errors.ts) with what kind of failure it was.
 */
export interface SmsProvider {
  readonly name: string;
  send(message: SmsMessage): Promise<{ providerMessageId?: string }>;
}

/**
 * What every module plugin receives from buildApp. `readDb` serves reads that tolerate a few seconds
 * of lag and need no read-your-writes (public pages, showcase, open data, statistics, bulletins): the
 * read replica while it is within its lag bound, else the primary; `db` when no replica is set.
 */
export type AppDeps = { db: Db; readDb: Db; config: Config; sms: SmsProvider; anchorKey: AnchorKey; clock: Clock };
