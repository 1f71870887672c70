import type { Actor } from '../../../domain/access';
import type { FollowReply } from '../../../contracts/follows';
import type { Db } from '../../db/client';
import { authorize } from '../../plugins/authorize';
import { loadVisibleMatter, matterAccess } from '../matters';
import { countFollowers, deleteFollow, insertFollow } from './follows.repository';

/**
 * 关注 / 取消关注: idempotent — following twice is following once, unfollowing what one does not
 * follow changes nothing. A matter the actor may not see is a 404. Not a matter command: it changes
 * nothing of the matter's record, so it writes no chain entry.
 */
export async function setFollowing(db: Db, actor: Actor, matterId: number, isFollowed: boolean): Promise<FollowReply> {
  const { subject } = await loadVisibleMatter(db, actor, matterId);
  authorize(actor, 'matter.follow', subject, matterAccess);
  if (isFollowed) await insertFollow(db, matterId, actor.accountId);
  else await deleteFollow(db, matterId, actor.accountId);
  return { isFollowed, followerCount: await countFollowers(db, matterId) };
}
