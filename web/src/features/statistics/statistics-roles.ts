import type { Role } from '../auth/auth.api';

/** Who sees statistics (domain/access `statistics.view`): officers, and a community's convenor and supervisors. */
export const statisticsRoles: readonly Role[] = ['convenor', 'supervisor', 'town_officer', 'city_officer', 'admin'];
