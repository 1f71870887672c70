export { implementationRoutes } from './implementation.routes';
export { isOverdue } from './implementation.presenter';
