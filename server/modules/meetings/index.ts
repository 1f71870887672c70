export { meetingsRoutes } from './meetings.routes';
