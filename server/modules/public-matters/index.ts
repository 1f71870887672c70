export { publicMatterRoutes } from './public-matters.routes';
