export { talentsRoutes } from './talents.routes';
export { talentReviewRoutes } from './talent-review.routes';
export { createSelection, moveSelectionBy } from './talent-selections.service';
export { consentTo, nominate } from './talent-nominations.service';
export {
  confirmNomination,
  decideEligibility,
  declineNomination,
  noticeNomination,
  scoreNomination,
} from './talent-review.service';
