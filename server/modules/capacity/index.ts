export { capacityRoutes } from './capacity.routes';
export { capacityFigures, capacitySummary } from './capacity.service';
