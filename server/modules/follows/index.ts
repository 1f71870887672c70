/** 关注: who follows which matter. Other modules read followers through here. */
export { followerAccountIds } from './follows.repository';
export { followsRoutes } from './follows.routes';
