export { implementationRoutes } from './implementation.routes';
export { isOverdue } from './implementation.presenter';
export { readImplementation } from './implementation.repository';
