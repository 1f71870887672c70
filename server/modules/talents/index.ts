export { talentsRoutes } from './talents.routes';
export { talentReviewRoutes } from './talent-review.routes';
