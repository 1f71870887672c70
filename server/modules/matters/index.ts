export { appendMatterEvent, readMatterChain, verifyChainEntries, verifyMatterChain, type CoveredText } from './audit';
export { gatherMatterFacts } from './matter-facts';
/** Reads other modules share: the matter row and the places on its path (a page's trail). */
export { findMatter, trailPlaces } from './matters.repository';
export {
  isParticipant,
  loadVisibleMatter,
  matterAccess,
  matterSubject,
  runMatterCommand,
  type CommandOutcome,
  type MatterRow,
} from './matter-command';
export {
  MAX_PHOTOS,
  MAX_PHOTO_MB,
  readPhotoForm,
  storeMatterPhotos,
  uploadedPhotos,
  type Photo,
} from './matter-photos';
export { matterRoutes } from './matters.routes';
export { advanceMatter, type BareStageCommand } from './stage-moves';
export { matterLiveRoutes } from './matters.live';
/** Command functions the demo seed drives matters through (the same ones the routes call). */
export { acceptMatter, declineMatter, escalateMatter, mergeMatter, supportMatter } from './matters.service';
export { raiseMatter } from './raise.service';
export { formatRoutes } from './formats.routes';
export { createFormat, editFormat, listFormats } from './formats.service';
