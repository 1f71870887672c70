import { and, desc, eq, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { MatterViewScope } from '../../../domain/access';
import type { MatterStatus } from '../../../domain/matters/stages';
import type { DbOrTx } from '../../db/client';
import { matterFollows, matterSupports, matters, places } from '../../db/schema';
import { escapeLike, inAnySubtree, inSubtree } from '../../db/subtree';
import { participatesIn } from './matter-events.repository';

/** Who is looking: the rows carry their own ties to each matter. */
export type CommunityViewer = { accountId: number; residentId: number | null };

export type CommunityFilter = {
  /** Words that must each appear in the title or the description. */
  words: string[];
  status?: MatterStatus;
  category?: string;
  placeId?: number;
  isFollowedOnly: boolean;
  page: number;
  pageSize: number;
};

/**
 * One page of the community list (newest activity first), the counts per status under the other
 * filters, all in one query each: `scope` is `matterViewScope(actor)`, applied in SQL as `can()` reads it.
 */
export async function communityMatterPage(
  db: DbOrTx,
  viewer: CommunityViewer,
  scope: MatterViewScope,
  filter: CommunityFilter,
) {
  const takesPart = or(
    eq(matters.proposerAccountId, viewer.accountId),
    participatesIn(matters.id, viewer.accountId, viewer.residentId),
  )!;
  const isFollowed = sql<boolean>`exists (select 1 from ${matterFollows} f
    where f.matter_id = ${matters.id} and f.account_id = ${viewer.accountId})`;
  const conditions: SQL[] = [
    or(
      inAnySubtree(matters.placePath, scope.overseen),
      and(inAnySubtree(matters.placePath, scope.neighbourhoods), or(ne(matters.visibility, 'participants'), takesPart)),
    )!,
    ...filter.words.map((word) =>
      or(ilike(matters.title, `%${escapeLike(word)}%`), ilike(matters.description, `%${escapeLike(word)}%`))!,
    ),
  ];
  if (filter.category) conditions.push(eq(matters.category, filter.category));
  if (filter.placeId)
    conditions.push(inSubtree(matters.placePath, sql`(select p.path from ${places} p where p.id = ${filter.placeId})`));
  if (filter.isFollowedOnly) conditions.push(isFollowed);
  const where = and(...conditions);
  const [rows, counts] = await Promise.all([
    db
      .select({
        matter: matters,
        placeName: places.name,
        hasSupported: sql<boolean>`exists (select 1 from ${matterSupports} s
          where s.matter_id = ${matters.id} and s.account_id = ${viewer.accountId})`,
        isFollowed,
        isParticipant: sql<boolean>`${participatesIn(matters.id, viewer.accountId, viewer.residentId)}`,
      })
      .from(matters)
      .innerJoin(places, eq(places.id, matters.placeId))
      .where(filter.status ? and(where, eq(matters.status, filter.status)) : where)
      .orderBy(desc(matters.updatedAt), desc(matters.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db
      .select({ status: matters.status, n: sql<number>`count(*)::int` })
      .from(matters)
      .where(where)
      .groupBy(matters.status),
  ]);
  return { rows, counts };
}

/** Places by id (the viewer's community, estate and building), for the list's place chips. */
export async function placesByIds(db: DbOrTx, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: places.id, name: places.name, kind: places.kind, path: places.path })
    .from(places)
    .where(inArray(places.id, ids));
}
