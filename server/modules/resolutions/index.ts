export { resolutionsRoutes } from './resolutions.routes';
export { findResolution, listConfirmations, listObjections } from './resolutions.repository';
