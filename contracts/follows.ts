import { z } from 'zod';

/** PUT and DELETE /api/matters/:id/follow (关注 / 取消关注): where the viewer now stands. */
export const FollowReplySchema = z.object({ isFollowed: z.boolean(), followerCount: z.number().int() });
export type FollowReply = z.infer<typeof FollowReplySchema>;
