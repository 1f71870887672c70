export { discussionRoutes } from './discussion.routes';
/** Command functions the demo seed drives matters through (the same ones the routes call). */
export { postComment } from './discussion.service';
