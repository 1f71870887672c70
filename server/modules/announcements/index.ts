export { announcementsRoutes } from './announcements.routes';
export { communityOf, requireStage } from './announcements.service';
export { maskName } from './announcements.presenter';
export { findInvitation } from './invitations.repository';
/** Inbox delivery for other modules' commands (inside their transaction). */
export { insertInboxItems } from './inbox.repository';
/** Command functions the demo seed drives matters through (the same ones the routes call). */
export { addInvitations, postNotice } from './announcements.service';
