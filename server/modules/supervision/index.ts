export { supervisionRoutes } from './supervision.routes';
