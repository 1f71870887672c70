import { staffRoles, type Role } from '../../../../domain/access/roles';

/** Roles that raise on a resident's behalf: the domain's staff roles. */
export const staffRolesForRaising: readonly Role[] = staffRoles;

/** Roles whose work queue lists matters (the server's `scope=queue`). */
export const queueRoles: readonly Role[] = [...staffRoles, 'supervisor'];
