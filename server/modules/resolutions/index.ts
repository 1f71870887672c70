export { resolutionsRoutes } from './resolutions.routes';
