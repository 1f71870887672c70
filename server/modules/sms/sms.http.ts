import { SmsError } from '../../errors';

/** How long a provider may take to answer before the message counts as not sent. */
export const SMS_TIMEOUT_MS = 10_000;

/** A provider's answer: the HTTP status and the body parsed as JSON (undefined when it is not JSON). */
export type ProviderAnswer = { status: number; body: unknown };

/**
 * Sends one request to a provider. Network errors and time-outs become `SmsError('unavailable')`;
 * whatever answer comes back is for the adapter to read.
 */
export async function callProvider(url: URL, init: RequestInit, timeoutMs: number): Promise<ProviderAnswer> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    throw new SmsError('unavailable', name === 'TimeoutError' ? 'timeout' : 'network');
  }
  let text: string;
  try {
    text = await response.text();
  } catch {
    throw new SmsError('unavailable', 'timeout');
  }
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch {
    return { status: response.status, body: undefined };
  }
}

/** A field of a JSON object, if the value is an object and the field a string. */
export function stringField(value: unknown, key: string): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === 'string' ? field : undefined;
}

/** An answer that carries no provider code (a proxy's 502, an HTML page): the provider's trouble. */
export function unreadableAnswer(answer: ProviderAnswer): SmsError {
  return new SmsError('unavailable', `http-${answer.status}`);
}
