import { staffRoles, type Role } from '../../../../domain/access/roles';

/** Who reads monthly bulletins (domain/access `bulletin.view`): staff and supervisors of the place. */
export const bulletinRoles: readonly Role[] = [...staffRoles, 'supervisor'];
