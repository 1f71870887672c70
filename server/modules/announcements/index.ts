export { announcementsRoutes } from './announcements.routes';
export { communityOf, requireStage } from './announcements.service';
export { maskName } from './announcements.presenter';
