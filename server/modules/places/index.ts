export { placesRoutes } from './places.routes';
export { type PlaceRow } from './places.repository';
export { authorizePlace, placeOrNotFound } from './places.service';
export { idParam, placeParams } from './places.schemas';
export { findPlace } from './places.repository';
