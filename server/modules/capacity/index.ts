export { capacityRoutes } from './capacity.routes';
export { capacityFigures } from './capacity.service';
