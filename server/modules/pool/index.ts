export { poolRoutes } from './pool.routes';
