export { councilAccess, councilSubject } from './councils.access';
export { councilsRoutes } from './councils.routes';
export { councilCoverage } from './councils.repository';
