export { publicMatterRoutes } from './public-matters.routes';
export { publicStatuses } from './public-matters.repository';
