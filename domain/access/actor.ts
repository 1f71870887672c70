import type { PlacePath } from '../territory/places';
import type { Role } from './roles';

export type Grant = { role: Role; placeId: number; placePath: PlacePath };

/** Who is acting: an account with its role grants. Anonymous visitors have no account. */
export type Actor = {
  accountId: number;
  residentId: number | null;
  grants: readonly Grant[];
};
