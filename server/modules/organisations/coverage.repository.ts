import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { organisationCommunities, organisations, places } from '../../db/schema';
import { readTogether } from '../../db/together';
import { inSubtree } from '../../db/subtree';
import { withinAny } from './organisations.repository';

/** What the coverage view is computed from: the towns and communities in the subtree, and its active social organisations with the places they serve. */
export async function coverageRows(db: DbOrTx, subtreePath: string) {
  const [placeRows, organisationRows, servedRows] = await readTogether(db, [
    () =>
      db
        .select({ id: places.id, name: places.name, path: places.path, kind: places.kind })
        .from(places)
        .where(and(inSubtree(places.path, subtreePath), inArray(places.kind, ['town', 'community'])))
        .orderBy(asc(places.code), asc(places.id)),
    () =>
      db
        .select({
          id: organisations.id,
          name: organisations.name,
          brand: organisations.brand,
          categoryId: organisations.categoryId,
          placePath: organisations.placePath,
        })
        .from(organisations)
        .where(
          and(
            eq(organisations.kind, 'social_organisation'),
            eq(organisations.isActive, true),
            withinAny([subtreePath]),
          ),
        )
        .orderBy(asc(organisations.name)),
    () =>
      db
        .select({ organisationId: organisationCommunities.organisationId, path: organisationCommunities.placePath })
        .from(organisationCommunities)
        .where(inSubtree(organisationCommunities.placePath, subtreePath)),
  ]);
  return {
    towns: placeRows.filter((p) => p.kind === 'town'),
    communities: placeRows.filter((p) => p.kind === 'community'),
    organisations: organisationRows.map((o) => ({
      ...o,
      servedPaths: servedRows.filter((s) => s.organisationId === o.id).map((s) => s.path),
    })),
  };
}
