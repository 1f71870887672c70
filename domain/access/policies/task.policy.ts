import { COMMUNITY_DEPTH, ancestorPathAt, isWithin, type PlacePath } from '../../territory/places';
import type { Grant } from '../actor';
import { staffRoles } from '../roles';

/** Why an account may carry a matter's task: staff of its community, its invitee, or a council seat. */
export const assigneeReasons = ['staff', 'invitee', 'council'] as const;
export type AssigneeReason = (typeof assigneeReasons)[number];

/** What the assignment rule knows of a candidate account. */
export type AssigneeCandidate = {
  grants: readonly Pick<Grant, 'role' | 'placePath'>[];
  /** Invited to the matter's deliberation (邀约名单) with this account. */
  isInvitee: boolean;
  /** Holds a current seat on a council of the matter's community. */
  isCouncilMember: boolean;
};

/**
 * Why the candidate may be assigned a task of a matter at `matterPath`, or undefined when they may
 * not: staff granted in the matter's community (the community and its subtree), then the matter's
 * invitees, then council members of that community. Others are named as free text (物业公司).
 */
export function assigneeReason(candidate: AssigneeCandidate, matterPath: PlacePath): AssigneeReason | undefined {
  const community = ancestorPathAt(matterPath, COMMUNITY_DEPTH) ?? matterPath;
  if (candidate.grants.some((g) => staffRoles.includes(g.role) && isWithin(g.placePath, community))) return 'staff';
  if (candidate.isInvitee) return 'invitee';
  if (candidate.isCouncilMember) return 'council';
  return undefined;
}
