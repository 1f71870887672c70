import { isWithin, type PlacePath } from '../../territory/places';
import type { Actor } from '../actor';
import { staffRoles, type Role } from '../roles';

/** The role a department's liaison holds on the department's place. */
export const liaisonRoles: readonly Role[] = ['liaison'];

export type ReferralAction = 'referral.view' | 'referral.respond';

/**
 * A referral (转办): `path` is the matter's place, `departmentPath` the department's, `isLiaison`
 * whether the actor is a liaison of that very department (the link is a row, not a grant).
 */
export type ReferralSubject = { type: 'referral'; path: PlacePath; departmentPath: PlacePath; isLiaison: boolean };

const holds = (actor: Actor, roles: readonly Role[], path: PlacePath) =>
  actor.grants.some((g) => roles.includes(g.role) && isWithin(path, g.placePath));

/**
 * The department's liaisons act on its referrals; staff and supervisors over the matter's place read
 * them (the community sees the answer or the reasons it was handed back).
 */
export function canOnReferral(actor: Actor, action: ReferralAction, subject: ReferralSubject): boolean {
  const isLiaison = subject.isLiaison && holds(actor, liaisonRoles, subject.departmentPath);
  if (action === 'referral.respond') return isLiaison;
  return isLiaison || holds(actor, [...staffRoles, 'supervisor'], subject.path);
}
