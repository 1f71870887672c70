import { and, asc, eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { maskPhone } from '../../../domain/people/phone';
import type { DbOrTx } from '../../db/client';
import { accounts, places, roleGrants } from '../../db/schema';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { PlaceParamsSchema } from '../../../contracts/common';
import { ConvenorsReplySchema } from '../../../contracts/places';
import { authorizePlace, placeOrNotFound } from './places.service';
import { inSubtree, pathValue } from '../../db/subtree';

/** Active accounts holding the convenor role on the place or one of its ancestors, innermost grant first. */
export async function listConvenorsOver(db: DbOrTx, placePath: string) {
  const rows = await db
    .select({ accountId: accounts.id, name: accounts.displayName, phone: accounts.phone, placeName: places.name })
    .from(roleGrants)
    .innerJoin(accounts, eq(accounts.id, roleGrants.accountId))
    .innerJoin(places, eq(places.id, roleGrants.placeId))
    .where(
      and(eq(roleGrants.role, 'convenor'), eq(accounts.isActive, true), inSubtree(pathValue(placePath), places.path)),
    )
    .orderBy(sql`length(${places.path}) desc`, asc(accounts.id));
  // One row per account: its grant nearest the place.
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(r.accountId) && seen.add(r.accountId));
}

/** GET /places/:id/convenors: who may convene a matter here (the accept form's picker); staff of the place. */
export const convenorsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/places/:id/convenors',
    { schema: { tags: ['places'], params: PlaceParamsSchema, response: { 200: ConvenorsReplySchema } } },
    async (request) => {
      const actor = requireActor(request);
      const place = await placeOrNotFound(deps.db, request.params.id);
      authorizePlace(actor, 'place.viewRoster', place);
      const rows = await listConvenorsOver(deps.db, place.path);
      return {
        items: rows.map((r) => ({
          accountId: r.accountId,
          name: r.name,
          phoneMasked: maskPhone(r.phone),
          placeName: r.placeName,
        })),
      };
    },
  );
};
