export { demonstrationRoutes } from './demonstration.routes';
export { demonstrationReviewRoutes } from './demonstration-review.routes';
export { demonstrationEvidenceRoutes } from './demonstration-evidence.routes';
export { computedMetricReaders, computedFigures } from './demonstration.metrics';
export { applyFor, createScheme, recommendApplication, saveDraft, submitApplication } from './demonstration.service';
export {
  computedScores,
  confirmNaming,
  nameApplication,
  recordSiteCheck,
  scoreApplication,
} from './demonstration-review.service';
export { readApplication } from './demonstration-read.service';
