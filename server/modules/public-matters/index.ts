export { publicMatterRoutes } from './public-matters.routes';
export { findPublicMatter, publicStatuses } from './public-matters.repository';
