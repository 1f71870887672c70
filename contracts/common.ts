import { z } from 'zod';
import type { Action } from '../domain/access';
import { isHttpLink } from '../domain/text/input';
import type { PersonLabel } from '../domain/people/public-name';
import { matterVisibilities, type MatterVisibility } from '../domain/matters/visibility';
import { matterExits, matterStages } from '../domain/matters/stages';

/**
 * Schemas every route shares, declared once: ids, whole numbers in URLs, links. Modules import them
 * from here instead of writing their own copies.
 */

/** The largest id a table holds: PostgreSQL `integer` (and `serial`) ends at 2³¹−1. */
export const MAX_ID = 2_147_483_647;

/**
 * A whole number written in a URL (path or query string): digits only, so "abc", "1.5", "1e3" and
 * "-1" fail as a wrong type, and a number outside `min … max` as out of range.
 */
export const urlNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,16}$/, 'validation.wrong_type')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** An id in a URL path or query string: 1 … 2³¹−1. */
export const idParam = urlNumber(1, MAX_ID);

/**
 * The paging fields of a list's query string, shared by lists: `page` 1 … 100 000 and `pageSize`
 * 1 … `maxSize` (default `defaultSize`). A list's reply carries `PageReplyFields` back.
 */
export const pageQueryFields = (maxSize = 100, defaultSize = 20) => ({
  page: urlNumber(1, 100_000).default(1),
  pageSize: urlNumber(1, maxSize).default(defaultSize),
});

/** Where a paged reply stands: how many rows match in all, which page this is and its size. */
export const PageReplyFields = {
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
};

/** An id in a JSON body: a whole number 1 … 2³¹−1 (the same range as `idParam`). */
export const idField = z.number().int().min(1).max(MAX_ID);

/** A link people may follow (a meeting room, a document): http(s) only, at most `max` characters. */
export const httpLink = (max = 500) => z.string().trim().max(max).refine(isHttpLink, 'validation.http_link');

/**
 * Who did something, as pages show it (domain `PersonLabel`): a name for those who may see names, else a
 * role (社区工作人员, 监督员) or 居民 + initial; the web words it in the reader's language.
 */
export const PersonLabelSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('name'), name: z.string() }),
  z.object({ kind: z.literal('staff') }),
  z.object({ kind: z.literal('supervisor') }),
  z.object({ kind: z.literal('resident'), initial: z.string() }),
  z.object({ kind: z.literal('system') }),
]) satisfies z.ZodType<PersonLabel>;

/** Who may read a matter (`domain/matters/visibility`). */
export const MatterVisibilitySchema = z.enum(matterVisibilities);
export type { MatterVisibility };

/** `/…/:id` of a matter. */
export const MatterParamsSchema = z.object({ id: idParam });

/** `/…/:id` of a place. */
export const PlaceParamsSchema = z.object({ id: idParam });

/** A matter's status: one of the stages or side exits (`domain/matters/stages`). */
export const MatterStatusSchema = z.enum([...matterStages, ...matterExits]);

/**
 * What the viewer may do with a resource, keyed by action name (`domain/access` actions): the one shape
 * every reply's `abilities` takes, on a page and on each row, as the session's grants carry theirs.
 */
export const abilitiesSchema = <A extends Action>(actions: readonly A[]) =>
  z.object(Object.fromEntries(actions.map((a) => [a, z.boolean()])) as Record<A, z.ZodBoolean>);
