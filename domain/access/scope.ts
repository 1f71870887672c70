import { COMMUNITY_DEPTH, ancestorPathAt, type PlacePath } from '../territory/places';
import type { Action } from './actions';
import type { Actor, Grant } from './actor';
import { abilitiesFor, outermostPaths, placeRoleRules, viewScopes, type PlaceRoleAction } from './can';
import { matterOverseerRoles, neighbourRoles } from './policies/matter.policy';

/** Actions a list is filtered by: browsing, or one decided by a role held over the place. */
export type ListAction = 'place.view' | PlaceRoleAction;

/**
 * Which rows an actor may list for `action`: those inside any of `subtrees` (outermost first, none
 * nested). Empty means nothing. Built from the rules `can()` uses, so a list never shows a row that
 * `can()` would refuse, nor hides one it would allow.
 */
export type ListScope = { subtrees: readonly PlacePath[] };

/** The list scope of `action` for this actor (anonymous: nothing). */
export function scopeFor(actor: Actor | null, action: ListAction): ListScope {
  if (!actor) return { subtrees: [] };
  if (action === 'place.view') return { subtrees: viewScopes(actor) };
  const roles: readonly string[] = placeRoleRules[action];
  return { subtrees: outermostPaths(actor.grants.filter((g) => roles.includes(g.role)).map((g) => g.placePath)) };
}

/**
 * The `matter.view` rule for a community list, as data one query applies: inside `overseen`, every
 * matter; inside `neighbourhoods` (the communities the actor lives in), every matter not limited to
 * its participants, and those limited to them where the actor takes part or proposed. A matter inside
 * these subtrees is listed exactly when `can(actor, 'matter.view', …)` allows it (scope.test.ts).
 */
export type MatterViewScope = { overseen: readonly PlacePath[]; neighbourhoods: readonly PlacePath[] };

/** The subtrees of `MatterViewScope`, from the same role sets `canOnMatter` decides by. */
export function matterViewScope(actor: Actor | null): MatterViewScope {
  if (!actor) return { overseen: [], neighbourhoods: [] };
  const heldFor = (roles: readonly string[]) => actor.grants.filter((g) => roles.includes(g.role));
  return {
    overseen: outermostPaths(heldFor(matterOverseerRoles).map((g) => g.placePath)),
    // A grant above community level makes no one a neighbour of the communities below it.
    neighbourhoods: outermostPaths(
      heldFor(neighbourRoles).flatMap((g) => ancestorPathAt(g.placePath, COMMUNITY_DEPTH) ?? []),
    ),
  };
}

/**
 * The place-level actions the session carries for each grant, so the web builds its menus and place
 * pickers from the server's own rules and never from role names.
 */
export const sessionActions = [
  'matter.listQueue',
  'matter.raiseOnBehalf',
  'statistics.view',
  'supervision.listDue',
  'bulletin.view',
  'scheme.manage',
  'application.view',
  'application.submit',
  'talentSelection.manage',
  'talentNomination.view',
  'department.manage',
  'referral.listQueue',
  'call.manage',
  'call.apply',
  'organisation.view',
  'organisation.manage',
  'organisation.configure',
  'organisation.listMine',
  'training.manage',
  'microLeader.view',
] as const satisfies readonly Action[];
export type SessionAction = (typeof sessionActions)[number];

/**
 * What one grant by itself lets its holder do at its place (a convenor's grant opens the work queue; the
 * same person's resident grant does not), so pickers list the places the role was given for.
 */
export function grantAbilities(actor: Pick<Actor, 'accountId' | 'residentId'>, grant: Grant) {
  const alone: Actor = { accountId: actor.accountId, residentId: actor.residentId, grants: [grant] };
  return abilitiesFor(alone, sessionActions, { type: 'place', path: grant.placePath });
}
