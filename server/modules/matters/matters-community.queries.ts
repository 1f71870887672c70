import { abilitiesFor, matterViewScope, neighbourRoles, type Actor } from '../../../domain/access';
import type { MatterStatus } from '../../../domain/matters/stages';
import { pathIds, type PlaceKind } from '../../../domain/territory/places';
import { communityMatterActions } from '../../../contracts/matters';
import type { Db } from '../../db/client';
import { matterSubject } from './matter-command';
import { communityMatterPage, placesByIds } from './matters-community.repository';
import { presentMatter } from './matters.queries';

/** The place kinds a resident may narrow the list to, widest first. */
const narrowingKinds: readonly string[] = ['community', 'estate', 'building'] satisfies PlaceKind[];

/**
 * 社区议事: the matters of the actor's community that `can()` lets them view, filtered, searched and
 * paged, each with whether they may support (联名) and follow (关注) it by the same policy.
 */
export async function listCommunityMatters(
  db: Db,
  actor: Actor,
  query: {
    q?: string;
    status?: MatterStatus;
    category?: string;
    placeId?: number;
    followed: 'true' | 'false';
    page: number;
    pageSize: number;
  },
) {
  const homeIds = [
    ...new Set(actor.grants.filter((g) => neighbourRoles.includes(g.role)).flatMap((g) => pathIds(g.placePath))),
  ];
  const [{ rows, counts }, homePlaces] = await Promise.all([
    communityMatterPage(db, actor, matterViewScope(actor), {
      words: (query.q ?? '').split(/\s+/).filter(Boolean),
      status: query.status,
      category: query.category,
      placeId: query.placeId,
      isFollowedOnly: query.followed === 'true',
      page: query.page,
      pageSize: query.pageSize,
    }),
    placesByIds(db, homeIds),
  ]);
  return {
    items: rows.map((row) => ({
      ...presentMatter(row.matter, false),
      placeName: row.placeName,
      hasSupported: row.hasSupported,
      isFollowed: row.isFollowed,
      abilities: abilitiesFor(actor, communityMatterActions, matterSubject(row.matter, row.isParticipant)),
    })),
    countsByStatus: Object.fromEntries(counts.map((c) => [c.status, c.n])),
    total: counts.filter((c) => !query.status || c.status === query.status).reduce((s, c) => s + c.n, 0),
    page: query.page,
    pageSize: query.pageSize,
    places: homePlaces
      .filter((p) => narrowingKinds.includes(p.kind))
      .sort((a, b) => a.path.length - b.path.length)
      .map(({ id, name, kind }) => ({ id, name, kind })),
  };
}
