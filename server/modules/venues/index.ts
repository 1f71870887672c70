export { venuesRoutes } from './venues.routes';
export { matterVenuesRoutes } from './matter-venues.routes';
export { bookVenue, venueForMeeting } from './venue-bookings.service';
export { venuesMeetingFiveHaves } from './venues.demonstration';
export type { VenueRow } from './venues.repository';
/** Commands the demo seed drives venues through (the same ones the routes call). */
export {
  addVenuePhotos,
  addVenueRules,
  bookVenueForActivity,
  createVenue,
  editVenue,
  listVenues,
  readVenueOptions,
  reviewVenue,
} from './venues.service';
