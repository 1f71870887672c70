import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { clockNow } from '../clock';
import type { Db } from '../db/client';
import { AppError } from '../errors';
import { sha256 } from '../hash';
import {
  completeIdempotencyKey,
  deleteExpiredIdempotencyKeys,
  findIdempotencyKey,
  releaseIdempotencyKey,
  reserveIdempotencyKey,
} from './idempotency.repository';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Set on a reply served from the store instead of doing the work again. */
export const REPLAYED_HEADER = 'idempotent-replayed';
/** How long a key is remembered: the outbox of a phone offline for a week still sends once. */
export const IDEMPOTENCY_TTL_MS = 7 * 24 * 3600_000;
/**
 * A reservation without a reply for this long is taken to be abandoned (its process died mid-request)
 * and a retry of the same request runs. Keyed writes take milliseconds; a retry of one still running
 * after this long may run it a second time (a vote stays one row: the ballot's unique index).
 */
export const IDEMPOTENCY_LEASE_MS = 15_000;
const KEY_FORMAT = /^[A-Za-z0-9-]{1,100}$/;
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    /** The key this request reserved, until its reply is stored or the reservation released. */
    idempotency: { accountId: number; key: string } | null;
  }
}

/** What a key promises: the same method, path (with query) and JSON body. */
export function hashRequest(method: string, url: string, body: unknown): string {
  return sha256(`${method} ${url}\n${JSON.stringify(body ?? null)}`);
}

/** Whether a reply may be replayed: a JSON answer the server stands by (not an outage or a throttle). */
function isReplayable(statusCode: number, payload: unknown, contentType: unknown): payload is string {
  return (
    statusCode < 500 &&
    statusCode !== 429 &&
    typeof payload === 'string' &&
    typeof contentType === 'string' &&
    contentType.startsWith('application/json')
  );
}

/**
 * Honours `Idempotency-Key` on a logged-in account's JSON writes under /api/: the first request
 * reserves the key before its work and stores its reply after; a retry with the same request gets
 * the stored reply (header `Idempotent-Replayed: true`), a retry while the first still runs 409
 * `request.in_progress`, and the same key with another request 422 `request.key_reused`. Keys are
 * per account and forgotten after IDEMPOTENCY_TTL_MS (swept on the account's next keyed write).
 * Multipart uploads and anonymous requests ignore the header.
 */
export const idempotencyPlugin = fp(async (app: FastifyInstance, opts: { db: Db }) => {
  const { db } = opts;
  app.decorateRequest('idempotency', null);

  app.addHook('preHandler', async (request, reply) => {
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (header === undefined || !MUTATING.has(request.method) || !request.url.startsWith('/api/')) return;
    if (typeof header !== 'string' || !KEY_FORMAT.test(header)) {
      throw new AppError(400, 'request.key_invalid', { field: 'Idempotency-Key' });
    }
    const accountId = request.account?.id;
    if (accountId === undefined || request.isMultipart()) return;

    const now = clockNow();
    await deleteExpiredIdempotencyKeys(db, accountId, new Date(now.getTime() - IDEMPOTENCY_TTL_MS));
    const hash = hashRequest(request.method, request.url, request.body);
    const path = request.url.split('?')[0] ?? request.url;
    // Twice at most: a reservation released between our insert and our read frees the key again.
    for (let attempt = 0; attempt < 2; attempt++) {
      const row = { accountId, key: header, method: request.method, path, requestHash: hash, createdAt: now };
      if (await reserveIdempotencyKey(db, row, new Date(now.getTime() - IDEMPOTENCY_LEASE_MS))) {
        request.idempotency = { accountId, key: header };
        return;
      }
      const stored = await findIdempotencyKey(db, accountId, header);
      if (!stored) continue;
      if (stored.requestHash !== hash) throw new AppError(422, 'request.key_reused', { field: 'Idempotency-Key' });
      if (stored.statusCode === null || stored.responseBody === null) throw new AppError(409, 'request.in_progress');
      return replay(reply, stored.statusCode, stored.responseBody);
    }
    throw new AppError(409, 'request.in_progress');
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const held = request.idempotency;
    if (!held) return payload;
    request.idempotency = null;
    if (isReplayable(reply.statusCode, payload, reply.getHeader('content-type'))) {
      await completeIdempotencyKey(db, held.accountId, held.key, {
        statusCode: reply.statusCode,
        responseBody: payload,
      });
    } else {
      await releaseIdempotencyKey(db, held.accountId, held.key);
    }
    return payload;
  });

  // A request that ended without a reply (the client went away) must not hold its key for a week.
  app.addHook('onResponse', async (request) => {
    const held = request.idempotency;
    if (!held) return;
    request.idempotency = null;
    await releaseIdempotencyKey(db, held.accountId, held.key);
  });
});

function replay(reply: FastifyReply, statusCode: number, body: string): FastifyReply {
  return reply
    .status(statusCode)
    .header(REPLAYED_HEADER, 'true')
    .type('application/json; charset=utf-8')
    .serializer((payload: unknown) => payload as string)
    .send(body);
}
