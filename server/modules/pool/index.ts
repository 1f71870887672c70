export { poolRoutes } from './pool.routes';
export { poolMemberName } from './pool.repository';
export { activePoolSize } from './pool.repository';
