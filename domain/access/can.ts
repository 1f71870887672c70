import { COMMUNITY_DEPTH, ancestorPathAt, isWithin, type PlacePath } from '../territory/places';
import type { Action, Subject } from './actions';
import type { Actor } from './actor';
import { managerRoles, staffRoles, type Role } from './roles';

/** True when the actor holds one of `roles` on a place that contains `path`. */
export function holdsRoleOver(actor: Actor, roleSet: readonly Role[], path: PlacePath): boolean {
  return actor.grants.some((g) => roleSet.includes(g.role) && isWithin(path, g.placePath));
}

/** Residents and members see the community they live in (its places, councils), not the personal data. */
function isCommunityNeighbour(actor: Actor, path: PlacePath): boolean {
  return actor.grants.some((g) => {
    const community = ancestorPathAt(g.placePath, COMMUNITY_DEPTH) ?? g.placePath;
    return isWithin(path, community) || isWithin(g.placePath, path);
  });
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
      return holdsRoleOver(actor, [...staffRoles, 'supervisor'], subject.path) || isCommunityNeighbour(actor, subject.path);
    case 'place.viewRoster':
    case 'roster.export':
      return holdsRoleOver(actor, staffRoles, subject.path);
    case 'roster.import':
    case 'pool.manage':
    case 'council.manage':
      return holdsRoleOver(actor, managerRoles, subject.path);
    case 'pool.view':
      return holdsRoleOver(actor, [...staffRoles, 'supervisor', 'member'], subject.path);
    case 'resident.view':
      return (
        (subject.type === 'resident' && actor.residentId === subject.residentId) ||
        holdsRoleOver(actor, staffRoles, subject.path)
      );
    case 'resident.viewPhone':
      return holdsRoleOver(actor, staffRoles, subject.path) ||
        (subject.type === 'resident' && actor.residentId === subject.residentId);
  }
}

/** Abilities shipped to the web beside a resource, so the UI hides what the server would refuse. */
export function abilitiesFor<A extends Action>(actor: Actor | null, actions: readonly A[], subject: Subject): Record<A, boolean> {
  return Object.fromEntries(actions.map((a) => [a, can(actor, a, subject)])) as Record<A, boolean>;
}
