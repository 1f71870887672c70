export { demonstrationRoutes } from './demonstration.routes';
export { demonstrationReviewRoutes } from './demonstration-review.routes';
export { computedMetricReaders, computedFigures } from './demonstration.metrics';
