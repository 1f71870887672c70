import type { Subject } from '../../../domain/access';
import type { PlacePath } from '../../../domain/territory/places';
import type { Access } from '../../plugins/authorize';

/** Venues are hidden (404) outside the places the actor may browse. */
export const venueAccess: Access = { what: 'venue', seeIf: ['venue.view'] };

/** A venue as the access policy sees it: its place. */
export const venueSubject = (path: PlacePath): Subject => ({ type: 'venue', path });
