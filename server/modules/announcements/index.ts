export { announcementsRoutes } from './announcements.routes';
export { communityOf, requireStage } from './announcements.service';
export { maskName } from './announcements.presenter';
export { findInvitation } from './invitations.repository';
/** Command functions the demo seed drives matters through (the same ones the routes call). */
export { addInvitations, postNotice } from './announcements.service';
