export { showcaseRoutes } from './showcase.routes';
export { sharePages, withShareTags, matterShareTags } from './showcase.share';
export { isPublicDecided } from './showcase.repository';
