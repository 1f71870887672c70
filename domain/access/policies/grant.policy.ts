import { isWithin, type PlacePath } from '../../territory/places';
import type { Actor, Grant } from '../actor';
import { officerRoles, staffRoles, type Role } from '../roles';

/**
 * Separation of duties (监督与执行分离): who may grant whom which role on a place, and who counts as
 * independent of a matter's place. Supervisors and the staff who run matters are appointed from above;
 * nobody both runs and supervises the same subtree.
 */

export type GrantAction = 'grant.appoint' | 'grant.revoke' | 'grant.viewHistory';

/** Roles granted and revoked in the app (任免); other roles come from the roster or the admin CLI. */
export const appointableRoles = ['supervisor', 'convenor', 'grid_worker', 'liaison', 'organisation_agent'] as const;
export type AppointableRole = (typeof appointableRoles)[number];
/** The staff a community's officers appoint on the staff panel (supervisors have their own). */
export const staffAppointments = ['convenor', 'grid_worker'] as const satisfies readonly AppointableRole[];
export type StaffAppointment = (typeof staffAppointments)[number];

// Officers appoint and revoke on places below their own grant, and read the record of it.

/**
 * Roles that run matters in their subtree (staff, from the grid worker up): none of them may also hold
 * `supervisor` where the two subtrees overlap, and a review by one of them does not count as supervision.
 */
export const runningRoles: readonly Role[] = staffRoles;

/** A grant to make or end: the role, where, and to whom (`null` while the appointee is not chosen yet). */
export type GrantSubject = { type: 'grant'; path: PlacePath; role: AppointableRole; accountId: number | null };

type PlacedRole = Pick<Grant, 'role' | 'placePath'>;

/** True when one subtree lies inside the other (a grant on either reaches the same matters). */
export function overlaps(a: PlacePath, b: PlacePath): boolean {
  return isWithin(a, b) || isWithin(b, a);
}

/** An officer grant on a place strictly above `path`: the same level is not enough. */
function isOfficerAbove(actor: Actor, path: PlacePath): boolean {
  return actor.grants.some((g) => officerRoles.includes(g.role) && g.placePath !== path && isWithin(path, g.placePath));
}

/** An officer grant on the place itself or above it. */
function isOfficerOver(actor: Actor, path: PlacePath): boolean {
  return actor.grants.some((g) => officerRoles.includes(g.role) && isWithin(path, g.placePath));
}

/** Decides appointing, revoking and reading the record of grants. Nobody grants or revokes their own role. */
export function canOnGrant(
  actor: Actor,
  action: GrantAction,
  subject: { path: PlacePath; accountId?: number | null; role?: AppointableRole },
) {
  switch (action) {
    case 'grant.appoint':
    case 'grant.revoke':
      if (subject.accountId === actor.accountId) return false;
      // A department's liaison is appointed by the officers of the department's own place or above.
      // A department's liaison, or a social organisation's agent, is appointed by the officers of the
      // department's (organisation's) own place or above.
      if (subject.role === 'liaison' || subject.role === 'organisation_agent')
        return isOfficerOver(actor, subject.path);
      return isOfficerAbove(actor, subject.path);
    case 'grant.viewHistory':
      return actor.grants.some((g) => officerRoles.includes(g.role) && isWithin(subject.path, g.placePath));
  }
}

/** True when the grants run matters at `path`: a staff role on the place or a place above it. */
export function runsPlace(grants: readonly PlacedRole[], path: PlacePath): boolean {
  return grants.some((g) => runningRoles.includes(g.role) && isWithin(path, g.placePath));
}

/**
 * Whether a supervision review by someone holding `grants` counts for a matter at `path`: only when
 * its author runs nothing there (the stage guard `matter.needs_supervision_review` reads this).
 */
export function isIndependentReviewer(grants: readonly PlacedRole[], path: PlacePath): boolean {
  return !runsPlace(grants, path);
}

/** The refusal codes of {@link grantConflict}. */
export type GrantConflict = 'grant.runs_place' | 'grant.supervises_place';

/**
 * Why granting `role` on `path` to an account already holding `grants` would put one person on both
 * sides (running and supervising overlapping subtrees), or `null` when it would not.
 */
export function grantConflict(grants: readonly PlacedRole[], role: Role, path: PlacePath): GrantConflict | null {
  if (role === 'supervisor') {
    return grants.some((g) => runningRoles.includes(g.role) && overlaps(g.placePath, path)) ? 'grant.runs_place' : null;
  }
  if (runningRoles.includes(role)) {
    return grants.some((g) => g.role === 'supervisor' && overlaps(g.placePath, path)) ? 'grant.supervises_place' : null;
  }
  return null;
}
