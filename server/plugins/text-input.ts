import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { unreadableCharacter } from '../../domain/text/input';
import { AppError } from '../errors';

/** Deeper than any body a route takes; deeper input is refused before anything walks it. */
export const MAX_INPUT_DEPTH = 32;

type Where = 'body' | 'querystring' | 'params';

/** A 400 naming the field (`items.0.label`) whose text, or key, cannot be stored. */
function refuse(reason: 'nul' | 'surrogate', field: string, where: Where): AppError {
  const code = reason === 'nul' ? 'validation.nul_character' : 'validation.lone_surrogate';
  return new AppError(400, code, { field: field || undefined, details: { where } });
}

/**
 * Refuses a text field that PostgreSQL cannot store (U+0000) or UTF-8 cannot encode (a lone
 * surrogate), naming the field; for values read outside the body, such as multipart text fields.
 */
export function assertReadableText(text: string, field: string, where: Where = 'body'): void {
  const reason = unreadableCharacter(text);
  if (reason) throw refuse(reason, field, where);
}

/**
 * Walks every string (and object key) of a parsed input, iteratively so no input depth can exhaust
 * the stack, and throws at the first one that cannot be stored.
 */
export function assertReadableInput(input: unknown, where: Where): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: input, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      assertReadableText(value, path, where);
      continue;
    }
    if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) continue;
    if (depth >= MAX_INPUT_DEPTH) throw new AppError(400, 'validation.too_deep', { field: path || undefined });
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      assertReadableText(key, childPath, where);
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
}

/**
 * One check for every route: before a handler runs, no text in the body, query string or path (JSON
 * and the multipart fields a route's preValidation turned into its body) holds a character that
 * would fail in PostgreSQL or in the audit chain's JSON; the 400 names the field.
 */
export const textInputPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('preHandler', async (request: FastifyRequest) => {
    assertReadableInput(request.params, 'params');
    assertReadableInput(request.query, 'querystring');
    assertReadableInput(request.body, 'body');
  });
});
