export { placesRoutes } from './places.routes';
export { type PlaceRow } from './places.repository';
export { authorizePlace, placeOrNotFound } from './places.service';
/** For councils and pool, until they import it from contracts/common. */
export { PlaceParamsSchema as placeParams } from '../../../contracts/common';
export { findPlace, holdersOver, logPersonalDataRead, subtreeCounts } from './places.repository';
