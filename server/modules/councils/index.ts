export { councilsRoutes } from './councils.routes';
