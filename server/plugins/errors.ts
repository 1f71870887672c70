import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, SmsError, type SmsFailure } from '../errors';
import { isDatabaseUnavailable, sqlStateOf } from './db-errors';
import { localeFrom, messages, translate, type MessageCode } from '../i18n/messages';
import { SmsNotSentError } from '../modules/sms';

type ZodIssueLike = {
  code?: string;
  path?: PropertyKey[];
  message?: string;
  maximum?: unknown;
  minimum?: unknown;
  expected?: string;
  input?: unknown;
  format?: string;
  origin?: string;
};

/** Maps a zod issue to our stable code and localisable params. */
function codeForIssue(issue: ZodIssueLike): { code: MessageCode; params: Record<string, string | number> } {
  // A number out of its range (an id past 2³¹−1, a page below 1) is not "too long" nor "required".
  if (issue.code === 'too_big' && issue.origin === 'number')
    return { code: 'validation.number_too_big', params: { max: Number(issue.maximum) } };
  if (issue.code === 'too_small' && issue.origin === 'number')
    return { code: 'validation.number_too_small', params: { min: Number(issue.minimum) } };
  if (issue.code === 'too_big' && issue.maximum !== undefined)
    return { code: 'validation.too_long', params: { max: Number(issue.maximum) } };
  if (issue.code === 'too_small' && issue.minimum !== undefined) {
    return Number(issue.minimum) <= 1
      ? { code: 'validation.required', params: {} }
      : { code: 'validation.too_short', params: { min: Number(issue.minimum) } };
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) return { code: 'validation.required', params: {} };
  if (issue.code === 'invalid_type') return { code: 'validation.wrong_type', params: {} };
  // A closed list (zod's enum and literal) left out is required; a value outside it is localised, not zod's
  // English "Invalid option".
  if (issue.code === 'invalid_value')
    return issue.input === undefined
      ? { code: 'validation.required', params: {} }
      : { code: 'validation.not_an_option', params: {} };
  // Schemas name a message code as the issue message for patterns: `.regex(PHONE, 'validation.phone')`.
  if (issue.message && issue.message in messages['zh-CN']) return { code: issue.message as MessageCode, params: {} };
  return { code: 'validation.invalid', params: { detail: issue.message ?? '' } };
}

/**
 * A body sent without the object its schema wants names the first field that object requires, so
 * "DELETE …/supervisors/7" without `{ reason }` says `reason`, as an empty object would.
 */
function firstRequiredField(schema: unknown): string | undefined {
  const shape = (schema as { shape?: Record<string, { safeParse?: (v: unknown) => { success: boolean } }> })?.shape;
  if (!shape || typeof shape !== 'object') return undefined;
  return Object.keys(shape).find((key) => shape[key]?.safeParse?.(undefined).success === false);
}

/**
 * How a text message that did not go out is answered: the user can do something only about a
 * number (400) or a busy moment (429); the rest is the service's trouble (503).
 */
const smsReplies: Record<SmsFailure, { status: number; field?: string }> = {
  quota: { status: 503 },
  template: { status: 503 },
  credentials: { status: 503 },
  unavailable: { status: 503 },
  throttled: { status: 429 },
  phone: { status: 400, field: 'phone' },
};
/** Failures only the operator can mend are logged as errors; the others as warnings. */
const operatorMustAct = new Set<SmsFailure>(['quota', 'template', 'credentials']);

/** Every error leaves as `{ error: { code, message, field? } }`; no stack traces reach clients. */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const locale = localeFrom(request.headers['accept-language']);
    if (error instanceof AppError) {
      return reply.status(error.status).send({
        error: {
          code: error.code,
          message: translate(locale, error.code, error.options.params),
          field: error.options.field,
          details: error.options.details,
        },
      });
    }
    if (error instanceof SmsError) {
      const { status, field } = smsReplies[error.failure];
      const code: MessageCode = `sms.${error.failure}`;
      // The one operator line: which provider, why, for whom (masked); never the text or the code.
      const provider = error instanceof SmsNotSentError ? error.provider : undefined;
      const to = error instanceof SmsNotSentError ? error.to : undefined;
      request.log[operatorMustAct.has(error.failure) ? 'error' : 'warn'](
        { sms: { provider, failure: error.failure, providerCode: error.providerCode, to } },
        'text message not sent',
      );
      return reply.status(status).send({ error: { code, message: translate(locale, code), field } });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      // zod leaves the offending input out of its issues; read it from the request to tell
      // "missing" (required) from "present but of the wrong type".
      const source = (request as unknown as Record<string, unknown>)[error.validationContext ?? 'body'];
      const input = (first?.instancePath ?? '')
        .split('/')
        .filter(Boolean)
        .reduce<unknown>(
          (value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined),
          source,
        );
      // The querystring's values live in `request.query`; only a closed list's check reads them from there.
      const queryInput =
        error.validationContext === 'querystring'
          ? (request.query as Record<string, unknown> | undefined)?.[first?.instancePath.replace(/^\//, '') ?? '']
          : input;
      const issue = {
        ...(first?.params ?? {}),
        code: first?.keyword,
        message: first?.message,
        input: first?.keyword === 'invalid_value' ? queryInput : input,
      } as ZodIssueLike;
      const context = (error.validationContext ?? 'body') as 'body' | 'querystring' | 'params' | 'headers';
      const field =
        first?.instancePath.replace(/^\//, '').replaceAll('/', '.') ||
        (input === undefined ? firstRequiredField(request.routeOptions.schema?.[context]) : undefined);
      const { code, params } = codeForIssue(issue);
      return reply.status(400).send({
        error: { code, message: translate(locale, code, params), field, where: error.validationContext },
      });
    }
    if (error.statusCode === 429) {
      return reply.status(429).send({ error: { code: 'rate_limited', message: translate(locale, 'rate_limited') } });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      const code: MessageCode = 'validation.invalid';
      return reply.status(error.statusCode).send({
        error: {
          code: error.code ? `http.${error.code}` : code,
          message: translate(locale, code, { detail: error.message }),
        },
      });
    }
    if (isDatabaseUnavailable(error)) {
      // An outage, not a bug: the client may retry; one short line per request, no stack.
      request.log.warn({ sqlstate: sqlStateOf(error) }, 'database unavailable');
      return reply
        .status(503)
        .header('retry-after', '5')
        .send({ error: { code: 'service.unavailable', message: translate(locale, 'service.unavailable') } });
    }
    // The `err` serializer (db-errors.ts) keeps bound SQL parameters and row values out of this line.
    request.log.error({ err: error, sqlstate: sqlStateOf(error) }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: translate(locale, 'internal') } });
  });
});

/**
 * Errors fastify answers before routing (a malformed percent-encoding in the path: `/api/matters/%ZZ`),
 * in the same shape as every other error.
 */
export function sendFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const locale = localeFrom(request.headers['accept-language']);
  const code: MessageCode = error.code === 'FST_ERR_BAD_URL' ? 'validation.bad_url' : 'validation.invalid';
  return reply.status(400).send({ error: { code, message: translate(locale, code, { detail: error.code }) } });
}

/** The JSON 404 every unknown API path gets. */
export function sendNotFound(request: FastifyRequest, reply: FastifyReply) {
  const locale = localeFrom(request.headers['accept-language']);
  return reply.status(404).send({
    error: { code: 'not_found', message: translate(locale, 'not_found', { what: request.url.split('?')[0] ?? '' }) },
  });
}
