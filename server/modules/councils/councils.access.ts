import type { Subject } from '../../../domain/access';
import type { PlacePath } from '../../../domain/territory/places';
import type { Access } from '../../plugins/authorize';

/** Councils are hidden outside the communities the actor may browse. */
export const councilAccess: Access = { what: 'council', seeIf: ['council.view'] };

/** A council as the access policy sees it: its place. */
export const councilSubject = (path: PlacePath): Subject => ({ type: 'council', path });
