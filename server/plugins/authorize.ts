import { can, type Action, type Actor, type Subject } from '../../domain/access';
import { AppError, notFound } from '../errors';
import type { NotFoundNoun } from '../i18n/nouns';

/**
 * The one refusal set. What the actor may not see answers `not_found` (404), so ids reveal nothing;
 * what they see but may not do answers `access.denied` (403). A place addressed by id in the path
 * (`/places/:id/…`, `/bulletins/:placeId/…`) is no secret: its refusal is `access.denied_place`.
 */
export const refusalCodes = {
  hidden: 'not_found',
  denied: 'access.denied',
  deniedPlace: 'access.denied_place',
} as const;

/** How one kind of row is guarded: its noun for the 404, and which actions let one see it. */
export type Access = {
  what: NotFoundNoun;
  /** Seeing it takes any of these; none given, the row is not hidden (a place by id). */
  seeIf?: readonly Action[];
  /** The 403 code (one of `refusalCodes`). */
  denied?: typeof refusalCodes.denied | typeof refusalCodes.deniedPlace;
};

/** Whether the actor may see the subject under `access` (always, when nothing hides it). */
export function sees(actor: Actor | null, subject: Subject, access: Access): boolean {
  return !access.seeIf || access.seeIf.some((a) => can(actor, a, subject));
}

/**
 * The one load-and-check: a missing row (`subject` undefined) or one the actor may not see is a 404;
 * one they see but may not `action` on (null: seeing is enough) is a 403.
 */
export function authorize<S extends Subject>(
  actor: Actor | null,
  action: Action | null,
  subject: S | undefined,
  access: Access,
): asserts subject is S {
  if (!subject || !sees(actor, subject, access)) throw notFound(access.what);
  if (action && !can(actor, action, subject)) throw new AppError(403, access.denied ?? refusalCodes.denied);
}
