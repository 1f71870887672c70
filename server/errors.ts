import type { MessageCode, MessageParam } from './i18n/messages';
import { notFoundNouns, type NotFoundNoun } from './i18n/nouns';
import type { DeliveryFailure } from '../domain/messaging/delivery';

/**
 * An error the client should see: HTTP status, a stable code, the field at fault (if one),
 * and message parameters. The errors plugin localises it.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: MessageCode,
    readonly options: { field?: string; params?: Record<string, MessageParam>; details?: unknown } = {},
  ) {
    super(code);
  }
}

export const unauthenticated = () => new AppError(401, 'auth.required');
export const forbidden = (code: MessageCode = 'access.denied') => new AppError(403, code);
/** A 404 naming the kind of row in the reader's language ("未找到：事项"). */
export const notFound = (what: NotFoundNoun) =>
  new AppError(404, 'not_found', { params: { what: notFoundNouns[what] } });
/** A 400 for a body field naming a row that is not there, or not within reach ("未找到：居民"). */
export const missing = (field: string, what: NotFoundNoun) =>
  new AppError(400, 'not_found', { field, params: { what: notFoundNouns[what] } });
export const invalid = (
  field: string,
  code: MessageCode = 'validation.invalid',
  params: Record<string, MessageParam> = {},
) => new AppError(400, code, { field, params });

/** Why a provider refused or failed to deliver a text message (the list is domain/messaging's). */
export type SmsFailure = DeliveryFailure;

/**
 * A text message that did not go out. `providerCode` is the provider's own error code, for the
 * operator's log line; the message never carries the phone or the text.
 */
export class SmsError extends Error {
  constructor(
    readonly failure: SmsFailure,
    readonly providerCode: string,
  ) {
    super(`sms ${failure}: ${providerCode}`);
  }
}
