export { resolutionsRoutes } from './resolutions.routes';
export { findResolution, listConfirmations, listObjections } from './resolutions.repository';
/** Command functions the demo seed drives matters through (the same ones the routes call). */
export {
  answerObjection,
  confirmResolution,
  draftResolution,
  raiseObjection,
  resolveMatter,
} from './resolutions.service';
