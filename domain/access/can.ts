import { COMMUNITY_DEPTH, ancestorPathAt, isWithin, type PlacePath } from '../territory/places';
import type { Action, Subject } from './actions';
import type { Actor } from './actor';
import { canOnBallot } from './policies/ballot.policy';
import { canOnGrant } from './policies/grant.policy';
import { canOnMatter, canRaise } from './policies/matter.policy';
import { managerRoles, staffRoles, type Role } from './roles';

/** Roles whose grant opens the granted subtree itself for browsing (not only the home community). */
const browsingRoles: readonly Role[] = [...staffRoles, 'supervisor'];
/** Roles that see a place's statistics: officers over it, and the convenor and supervisors of a community. */
const statisticsRoles: readonly Role[] = ['convenor', 'supervisor', 'town_officer', 'city_officer', 'admin'];
/** Roles that may read a member pool: staff, supervisors, and members of that community. */
const poolReaderRoles: readonly Role[] = [...staffRoles, 'supervisor', 'member'];
/** Roles that read a place's monthly bulletin (月度通报) online: staff and supervisors. */
const bulletinReaderRoles: readonly Role[] = [...staffRoles, 'supervisor'];

/** True when the actor holds one of `roles` on a place that contains `path`. */
export function holdsRoleOver(actor: Actor, roleSet: readonly Role[], path: PlacePath): boolean {
  return actor.grants.some((g) => roleSet.includes(g.role) && isWithin(path, g.placePath));
}

/** Drops paths that lie inside another path of the list; keeps the outermost, shallowest first. */
export function outermostPaths(paths: readonly PlacePath[]): PlacePath[] {
  const sorted = [...new Set(paths)].sort((a, b) => a.length - b.length || a.localeCompare(b));
  return sorted.filter((p, i) => !sorted.slice(0, i).some((outer) => isWithin(p, outer)));
}

/**
 * The subtrees an actor may browse. Staff and supervisors browse their granted subtree; residents and
 * members the community they belong to (its places and councils, never its personal data).
 */
export function viewScopes(actor: Actor | null): PlacePath[] {
  if (!actor) return [];
  return outermostPaths(
    actor.grants.map((g) =>
      browsingRoles.includes(g.role) ? g.placePath : (ancestorPathAt(g.placePath, COMMUNITY_DEPTH) ?? g.placePath),
    ),
  );
}

/** Inside a browsing scope, or an ancestor of one (so breadcrumbs and trails resolve). */
function isViewable(actor: Actor, path: PlacePath): boolean {
  return viewScopes(actor).some((scope) => isWithin(path, scope) || isWithin(scope, path));
}

/**
 * The one authorization function, shared by server and web. State-aware: the subject carries
 * what the decision depends on. Anonymous actors (`null`) may do none of these.
 */
export function can(actor: Actor | null, action: Action, subject: Subject): boolean {
  if (!actor) return false;
  switch (action) {
    case 'place.view':
    case 'council.view':
      return isViewable(actor, subject.path);
    case 'place.viewRoster':
    case 'roster.export':
    case 'bulletin.generate':
      return holdsRoleOver(actor, staffRoles, subject.path);
    case 'roster.import':
    case 'pool.manage':
    case 'council.manage':
      return holdsRoleOver(actor, managerRoles, subject.path);
    case 'pool.view':
      return holdsRoleOver(actor, poolReaderRoles, subject.path);
    case 'bulletin.view':
      return holdsRoleOver(actor, bulletinReaderRoles, subject.path);
    case 'resident.view':
      return (
        (subject.type === 'resident' && actor.residentId === subject.residentId) ||
        holdsRoleOver(actor, staffRoles, subject.path)
      );
    case 'resident.viewPhone':
      return (
        holdsRoleOver(actor, staffRoles, subject.path) ||
        (subject.type === 'resident' && actor.residentId === subject.residentId)
      );
    case 'resident.setSmsOptOut':
      // The resident themself, or staff who manage the roster of their place (e.g. told by phone).
      return (
        (subject.type === 'resident' && actor.residentId === subject.residentId) ||
        holdsRoleOver(actor, managerRoles, subject.path)
      );
    case 'statistics.view':
      return holdsRoleOver(actor, statisticsRoles, subject.path);
    case 'matter.raise':
    case 'matter.raiseOnBehalf':
      return canRaise(actor, action, subject.path);
    case 'grant.appoint':
    case 'grant.revoke':
      return subject.type === 'grant' && canOnGrant(actor, action, subject);
    case 'grant.viewHistory':
      return canOnGrant(actor, action, subject);
    case 'ballot.view':
    case 'ballot.manage':
    case 'ballot.enterPaper':
      return subject.type === 'ballot' && canOnBallot(actor, action, subject);
    default:
      return subject.type === 'matter' && canOnMatter(actor, action, subject);
  }
}

/** Abilities shipped to the web beside a resource, so the UI hides what the server would refuse. */
export function abilitiesFor<A extends Action>(
  actor: Actor | null,
  actions: readonly A[],
  subject: Subject,
): Record<A, boolean> {
  return Object.fromEntries(actions.map((a) => [a, can(actor, a, subject)])) as Record<A, boolean>;
}
