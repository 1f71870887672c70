export { discussionRoutes } from './discussion.routes';
