import fs from 'node:fs';
import https from 'node:https';
import tls from 'node:tls';
import webpush from 'web-push';
import type { ChannelMessage, ChannelOutcome } from '../../../domain/messaging/channels';
import type { WebpushConfig } from '../../config.channels';
import type { Db } from '../../db/client';
import { AppError, invalid } from '../../errors';
import { loadVapidKeys } from './vapid-keys';
import {
  countPushSubscriptions,
  deletePushSubscription,
  deletePushSubscriptionById,
  hasPushSubscription,
  listPushSubscriptions,
  upsertPushSubscription,
} from './webpush.repository';

/** Browsers one account may have push turned on in. */
export const MAX_PUSH_DEVICES = 10;
/** How long a push service keeps an undelivered message (a phone switched off overnight still gets it). */
const TTL_SECONDS = 24 * 3600;
const REQUEST_TIMEOUT_MS = 10_000;

export type WebpushStatus = { publicKey: string; devices: number };

export async function webpushStatus(db: Db, config: WebpushConfig, accountId: number): Promise<WebpushStatus> {
  return { publicKey: loadVapidKeys(config.keyFile).publicKey, devices: await countPushSubscriptions(db, accountId) };
}

/** Whether a host is on the allow list (`.example.com` allows every host below example.com). */
function isAllowedHost(host: string, allowed: string[]): boolean {
  return allowed.some((entry) => (entry.startsWith('.') ? host.endsWith(entry) : host === entry));
}

/** base64url of exactly `bytes` bytes (p256dh: an uncompressed P-256 point, 65; auth: 16). */
function isKey(value: string, bytes: number): boolean {
  return /^[A-Za-z0-9_-]+={0,2}$/.test(value) && Buffer.from(value, 'base64url').length === bytes;
}

/**
 * Stores a browser's subscription for the account. The endpoint must be an https address on a known
 * push service: the server posts to it, so it must not be a way to reach anything else.
 */
export async function subscribePush(
  db: Db,
  config: WebpushConfig,
  accountId: number,
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } },
): Promise<WebpushStatus> {
  let url: URL;
  try {
    url = new URL(subscription.endpoint);
  } catch {
    throw invalid('endpoint', 'webpush.endpoint_invalid');
  }
  if (url.protocol !== 'https:') throw invalid('endpoint', 'webpush.endpoint_https');
  if (url.username || url.password || !isAllowedHost(url.hostname.toLowerCase(), config.allowedHosts)) {
    throw invalid('endpoint', 'webpush.endpoint_host');
  }
  if (!isKey(subscription.keys.p256dh, 65)) {
    throw invalid('keys.p256dh', 'webpush.keys_invalid');
  }
  if (!isKey(subscription.keys.auth, 16)) throw invalid('keys.auth', 'webpush.keys_invalid');
  const row = { accountId, endpoint: url.href, p256dh: subscription.keys.p256dh, auth: subscription.keys.auth };
  await db.transaction(async (tx) => {
    const isKnown = await hasPushSubscription(tx, accountId, row.endpoint);
    if (!isKnown && (await countPushSubscriptions(tx, accountId)) >= MAX_PUSH_DEVICES) {
      throw new AppError(409, 'webpush.too_many', { params: { max: MAX_PUSH_DEVICES } });
    }
    await upsertPushSubscription(tx, row);
  });
  return webpushStatus(db, config, accountId);
}

/** Forgets one of the account's browsers (another account's endpoint is left alone). */
export async function unsubscribePush(
  db: Db,
  config: WebpushConfig,
  accountId: number,
  endpoint: string,
): Promise<WebpushStatus> {
  let href = endpoint;
  try {
    href = new URL(endpoint).href;
  } catch {
    throw invalid('endpoint', 'webpush.endpoint_invalid');
  }
  await deletePushSubscription(db, accountId, href);
  return webpushStatus(db, config, accountId);
}

const agents = new Map<string, https.Agent>();

/** An agent trusting the system's authorities plus the configured file (a private or test push service). */
function agentFor(caFile: string | undefined): https.Agent | undefined {
  if (!caFile) return undefined;
  let agent = agents.get(caFile);
  if (!agent) {
    agent = new https.Agent({ ca: [...tls.rootCertificates, fs.readFileSync(caFile, 'utf8')], keepAlive: true });
    agents.set(caFile, agent);
  }
  return agent;
}

type DeviceResult = 'delivered' | 'gone' | 'rate_limited' | 'unavailable' | 'template';

/**
 * Sends one notification to every browser the account turned push on in (payload encrypted per
 * RFC 8291, VAPID-signed per RFC 8292). A push service answering 404 or 410 has dropped the
 * subscription: it is deleted. Delivered to at least one browser counts as delivered.
 */
export async function deliverWebpush(
  db: Db,
  config: WebpushConfig,
  accountId: number,
  message: ChannelMessage,
): Promise<ChannelOutcome> {
  const subscriptions = await listPushSubscriptions(db, accountId);
  if (subscriptions.length === 0) return { result: 'skipped', reason: 'not_bound' };
  const keys = loadVapidKeys(config.keyFile);
  const payload = JSON.stringify({ kind: message.kind, title: message.title, body: message.body, url: message.url });
  const agent = agentFor(config.caFile);
  const results = await Promise.all(
    subscriptions.map(async (s): Promise<DeviceResult> => {
      try {
        await webpush.sendNotification({ endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } }, payload, {
          vapidDetails: { subject: config.subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
          TTL: TTL_SECONDS,
          timeout: REQUEST_TIMEOUT_MS,
          ...(agent ? { agent } : {}),
        });
        return 'delivered';
      } catch (error) {
        const status = error instanceof webpush.WebPushError ? error.statusCode : 0;
        if (status === 404 || status === 410) {
          await deletePushSubscriptionById(db, s.id);
          return 'gone';
        }
        if (status === 429) return 'rate_limited';
        if (status === 413) return 'template';
        return 'unavailable';
      }
    }),
  );
  const delivered = results.filter((r) => r === 'delivered').length;
  if (delivered > 0) return { result: 'delivered', devices: delivered };
  if (results.every((r) => r === 'gone')) return { result: 'skipped', reason: 'not_bound' };
  if (results.includes('unavailable')) return { result: 'retry', reason: 'unavailable' };
  if (results.includes('rate_limited')) return { result: 'retry', reason: 'rate_limited' };
  return { result: 'failed', reason: 'template' };
}
