import { DrizzleQueryError } from '../db/client';
import pg from 'pg';

/** Socket-level failures reaching or talking to PostgreSQL. */
const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that is going away or not there yet: admin_shutdown (pg_terminate_backend,
 * fast shutdown), crash_shutdown, cannot_connect_now (starting up or recovering),
 * too_many_connections; class 08 is every connection exception.
 */
const unavailableSqlStates = new Set(['57P01', '57P02', '57P03', '53300']);

/** node-postgres and pg-pool raise these as plain Errors, with no code. */
const unavailableMessages = [
  /^Connection terminated/, // unexpectedly, or due to connection timeout
  /^timeout exceeded when trying to connect/, // pg-pool's connectionTimeoutMillis
  /Client has encountered a connection error and is not queryable/,
  /^Connection terminated due to connection timeout/,
];

/** The error and its causes, outermost first (drizzle wraps the driver's error in `.cause`). */
function* chainOf(error: unknown): Generator<unknown> {
  const seen = new Set<unknown>();
  for (let e = error; e && !seen.has(e) && seen.size < 8; e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    yield e;
    // Node's happy-eyeballs connect (localhost → ::1 and 127.0.0.1) fails with an AggregateError.
    if (e instanceof AggregateError) yield* e.errors;
  }
}

/** True when the error (or one it wraps) says PostgreSQL cannot be reached or is going away. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of chainOf(error)) {
    if (!(e instanceof Error)) continue;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (unreachableCodes.has(code) || unavailableSqlStates.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
    }
    if (unavailableMessages.some((pattern) => pattern.test(e.message))) return true;
  }
  return false;
}

/** The SQLSTATE of the first PostgreSQL error in the chain, if any. */
export function sqlStateOf(error: unknown): string | undefined {
  for (const e of chainOf(error)) {
    const code = (e as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

function isPgDatabaseError(error: Error): error is pg.DatabaseError & { code: string } {
  return error instanceof pg.DatabaseError && typeof error.code === 'string';
}

/** Own enumerable properties that may carry statement text, bound values or row contents. */
const withheldProps = new Set(['query', 'params', 'parameters', 'detail', 'where', 'hint', 'internalQuery']);

/** The stack with its first line(s), which repeat the message, replaced by `summary`. */
function stackWithout(error: Error, summary: string): string {
  const at = error.stack?.indexOf('\n    at ') ?? -1;
  return `${error.name}: ${summary}${at >= 0 ? error.stack!.slice(at) : ''}`;
}

/** What pino writes for an error (its `err` serializer's shape). */
export type SerializedError = { type: string; message: string; stack: string; [key: string]: unknown };

/**
 * An error as the log may hold it: drizzle's "Failed query: <sql> params: <values>" is reduced to
 * its stack; PostgreSQL errors keep their SQLSTATE, table, column and constraint but not `detail`
 * ("Key (phone)=(…) already exists") nor, for data exceptions (class 22, e.g. `invalid input syntax
 * for type integer: "…"`), the message. Causes are treated the same way. Used as pino's `err`
 * serializer, so every logged error passes through it.
 */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) {
    return { type: typeof error, message: typeof error === 'string' ? error : 'non-error thrown', stack: '' };
  }
  const cause = depth < 5 && error.cause !== undefined ? serializeError(error.cause, depth + 1) : undefined;
  if (error instanceof DrizzleQueryError) {
    const summary = 'Failed query (statement and parameters withheld from the log)';
    return { type: 'DrizzleQueryError', message: summary, stack: stackWithout(error, summary), cause };
  }
  if (isPgDatabaseError(error)) {
    const isDataException = error.code.startsWith('22');
    const message = isDataException ? `data exception ${error.code} (message withheld from the log)` : error.message;
    return {
      type: 'DatabaseError',
      message,
      sqlstate: error.code,
      severity: error.severity,
      table: error.table,
      column: error.column,
      constraint: error.constraint,
      routine: error.routine,
      stack: isDataException ? stackWithout(error, message) : (error.stack ?? ''),
      cause,
    };
  }
  const out: SerializedError = { type: error.name, message: error.message, stack: error.stack ?? '' };
  for (const [key, value] of Object.entries(error)) {
    if (withheldProps.has(key) || key === 'cause') continue;
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) out[key] = value;
  }
  if (error instanceof AggregateError) out.errors = error.errors.slice(0, 4).map((e) => serializeError(e, depth + 1));
  if (cause) out.cause = cause;
  return out;
}
