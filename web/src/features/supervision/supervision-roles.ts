import { staffRoles, type Role } from '../../../../domain/access/roles';

/** Who has a list of what is due (GET /api/supervision/due): supervisors and staff. */
export const supervisionRoles: readonly Role[] = [...staffRoles, 'supervisor'];
