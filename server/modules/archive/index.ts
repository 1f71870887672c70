export { archiveRoutes } from './archive.routes';
/** Command functions the demo seed drives matters through (the same ones the routes call). */
export { archiveMatter } from './archive.service';
