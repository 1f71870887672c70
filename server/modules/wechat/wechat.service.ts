import { randomBytes } from 'node:crypto';
import type { ChannelMessage, ChannelOutcome, WechatState } from '../../../domain/messaging/channels';
import { fitTemplateVariable } from '../../../domain/messaging/delivery';
import { clockNow } from '../../clock';
import type { WechatConfig } from '../../config.channels';
import type { Db } from '../../db/client';
import { AppError, invalid } from '../../errors';
import { sha256 } from '../../hash';
import { WECHAT_ERRCODES, WechatApiError, wechatClientFor, type WechatClient } from './wechat.client';
import {
  deleteWechatBinding,
  deleteWechatBindingOf,
  findAccountOfOpenid,
  findWechatBinding,
  insertOauthState,
  markWechatUnfollowed,
  takeOauthState,
  upsertWechatBinding,
} from './wechat.repository';

/** A started authorisation must come back within this time. */
const STATE_LIFETIME_MS = 10 * 60_000;

export type WechatStatus = { state: WechatState; boundAt: Date | null };

/** What the account's WeChat card shows. */
export async function wechatStatus(db: Db, config: WechatConfig, accountId: number): Promise<WechatStatus> {
  if (!config.isEnabled) return { state: 'disabled', boundAt: null };
  const binding = await findWechatBinding(db, accountId);
  if (!binding) return { state: 'unbound', boundAt: null };
  return { state: binding.unfollowedAt ? 'unfollowed' : 'bound', boundAt: binding.boundAt };
}

const disabled = () => new AppError(409, 'wechat.disabled');

/**
 * Starts 网页授权 (snsapi_base) for the logged-in account: a fresh single-use `state` bound to this
 * session, and WeChat's authorize address carrying it.
 */
export async function startWechatAuthorisation(
  db: Db,
  config: WechatConfig,
  who: { accountId: number; sessionHash: string },
): Promise<string> {
  if (!config.isEnabled) throw disabled();
  // WeChat allows a-zA-Z0-9 in state, up to 128 bytes.
  const state = randomBytes(24).toString('hex');
  const now = clockNow();
  await insertOauthState(
    db,
    { stateHash: sha256(state), ...who, expiresAt: new Date(now.getTime() + STATE_LIFETIME_MS) },
    now,
  );
  const query = new URLSearchParams({
    appid: config.appId,
    redirect_uri: config.redirectUri,
    response_type: 'code',
    scope: 'snsapi_base',
    state,
  });
  return `${config.authorizeUrl}?${query}#wechat_redirect`;
}

/**
 * Finishes the authorisation WeChat sent back: the state must be one this session started (used up
 * here, whatever follows), the code is exchanged for the openid, which is bound to the account.
 */
export async function bindWechat(
  db: Db,
  config: WechatConfig,
  input: { accountId: number; sessionHash: string; code: string; state: string },
): Promise<WechatStatus> {
  if (!config.isEnabled) throw disabled();
  const started = await takeOauthState(db, sha256(input.state));
  if (
    !started ||
    started.sessionHash !== input.sessionHash ||
    started.accountId !== input.accountId ||
    started.expiresAt.getTime() < clockNow().getTime()
  ) {
    throw invalid('state', 'wechat.state_invalid');
  }
  let openid: string;
  try {
    openid = await wechatClientFor(config).openidFor(input.code);
  } catch (error) {
    throw asBindingError(error);
  }
  try {
    await db.transaction(async (tx) => {
      const holder = await findAccountOfOpenid(tx, openid);
      if (holder !== undefined && holder !== input.accountId) throw new AppError(409, 'wechat.openid_taken');
      await upsertWechatBinding(tx, { accountId: input.accountId, openid, boundAt: clockNow() });
    });
  } catch (error) {
    // Two accounts binding one WeChat at once: the unique index decides, the loser hears 409.
    if (isUniqueViolation(error)) throw new AppError(409, 'wechat.openid_taken');
    throw error;
  }
  return wechatStatus(db, config, input.accountId);
}

export async function unbindWechat(db: Db, config: WechatConfig, accountId: number): Promise<WechatStatus> {
  await deleteWechatBinding(db, accountId);
  return wechatStatus(db, config, accountId);
}

function asBindingError(error: unknown): AppError {
  if (
    error instanceof WechatApiError &&
    (error.errcode === WECHAT_ERRCODES.invalidCode || error.errcode === WECHAT_ERRCODES.codeUsed)
  ) {
    return invalid('code', 'wechat.code_invalid');
  }
  return new AppError(503, 'wechat.unavailable');
}

function isUniqueViolation(error: unknown): boolean {
  const pg = (error as { cause?: { code?: string } }).cause ?? (error as { code?: string });
  return pg?.code === '23505';
}

/** "2026年12月6日 10:05" in China time, as WeChat's time fields show it. */
function chinaTime(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}年${Number(parts.month)}月${Number(parts.day)}日 ${parts.hour}:${parts.minute}`;
}

/**
 * The template's fields: thing1 the title, thing2 the text (WeChat caps `thing` at 20 characters),
 * time3 when it was sent. The template chosen in the official account must have these three.
 */
export function templateData(message: ChannelMessage, at: Date): Record<string, { value: string }> {
  return {
    thing1: { value: fitTemplateVariable(message.title) },
    thing2: { value: fitTemplateVariable(message.body) },
    time3: { value: chinaTime(at) },
  };
}

/**
 * Sends one notification to the account's WeChat as a template message. Errcodes WeChat documents
 * become outcomes: 43004 (unfollowed) marks the binding, 40003 (not this official account's openid)
 * removes it, 45009 (daily limit) and -1 (busy) ask for a retry. Never logs or returns the openid.
 */
export async function deliverWechat(
  db: Db,
  config: WechatConfig,
  accountId: number,
  message: ChannelMessage,
  client: WechatClient = wechatClientFor(config),
): Promise<ChannelOutcome> {
  if (!config.isEnabled) return { result: 'skipped', reason: 'disabled' };
  const binding = await findWechatBinding(db, accountId);
  if (!binding) return { result: 'skipped', reason: 'not_bound' };
  if (binding.unfollowedAt) return { result: 'skipped', reason: 'unfollowed' };
  const templateId = config.templates[message.kind] ?? config.templates.default;
  if (!templateId) return { result: 'failed', reason: 'template' };
  try {
    await client.sendTemplate({
      touser: binding.openid,
      templateId,
      url: `${config.siteBase}${message.url}`,
      data: templateData(message, clockNow()),
    });
    return { result: 'delivered' };
  } catch (error) {
    if (!(error instanceof WechatApiError)) return { result: 'retry', reason: 'unavailable' };
    switch (error.errcode) {
      case WECHAT_ERRCODES.requireSubscribe:
        await markWechatUnfollowed(db, accountId, binding.openid, clockNow());
        return { result: 'skipped', reason: 'unfollowed' };
      case WECHAT_ERRCODES.invalidOpenid:
        await deleteWechatBindingOf(db, accountId, binding.openid);
        return { result: 'failed', reason: 'invalid_recipient' };
      case WECHAT_ERRCODES.outOfResponseCountLimit:
        return { result: 'retry', reason: 'rate_limited' };
      case WECHAT_ERRCODES.systemBusy:
        return { result: 'retry', reason: 'unavailable' };
      case WECHAT_ERRCODES.invalidTemplateId:
      case WECHAT_ERRCODES.argumentInvalid:
        return { result: 'failed', reason: 'template' };
      default:
        // 40001/42001 twice in a row, 40013, 40125, 41004…: the app id or secret.
        return { result: 'failed', reason: 'credentials' };
    }
  }
}
