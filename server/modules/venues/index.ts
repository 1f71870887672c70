export { venuesRoutes } from './venues.routes';
export { bookVenue, venueForMeeting } from './venue-bookings.service';
export { venuesMeetingFiveHaves } from './venues.demonstration';
export { matterVenuesRoutes } from './matter-venues.routes';
