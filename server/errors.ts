import type { MessageCode } from './i18n/messages';
import type { DeliveryFailure } from '../domain/messaging/delivery';

/**
 * An error the client should see: HTTP status, a stable code, the field at fault (if one),
 * and message parameters. The errors plugin localises it.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: MessageCode,
    readonly options: { field?: string; params?: Record<string, string | number>; details?: unknown } = {},
  ) {
    super(code);
  }
}

export const unauthenticated = () => new AppError(401, 'auth.required');
export const forbidden = (code: MessageCode = 'access.denied') => new AppError(403, code);
export const notFound = (what: string) => new AppError(404, 'not_found', { params: { what } });
export const invalid = (
  field: string,
  code: MessageCode = 'validation.invalid',
  params: Record<string, string | number> = {},
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
