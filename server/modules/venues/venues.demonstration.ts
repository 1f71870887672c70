import type { DbOrTx } from '../../db/client';
import { meetsFiveHaves, venueReviewLifecycle } from '../../../domain/territory/venues';
import { todayInChina } from '../../calendar';
import { venuesInSubtree } from './venues.repository';
import { fiveHavesOf } from './venues.service';

/**
 * How many venues of a community (its subtree) meet all five haves today and are approved by the town:
 * the demonstration-community criterion "venues meeting the five haves". The same computation as the
 * venue list's chips, so the two never disagree.
 */
export async function venuesMeetingFiveHaves(db: DbOrTx, communityPath: string): Promise<number> {
  const rows = await venuesInSubtree(db, communityPath, todayInChina());
  return rows.filter((r) => venueReviewLifecycle.is.approved(r.status) && meetsFiveHaves(fiveHavesOf(r).checks)).length;
}
