export { publicationRoutes } from './publication.routes';
export { namesIn } from './publication.directory';
export {
  confirmProposals,
  confirmPublicText,
  publicTextsOf,
  readPublication,
  requireConfirmedText,
} from './publication.service';
export { confirmedNoticeIds } from './publication.repository';
