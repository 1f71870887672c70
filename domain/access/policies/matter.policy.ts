import { capabilities, type MatterStatus } from '../../matters/stages';
import type { MatterVisibility } from '../../matters/visibility';
import { COMMUNITY_DEPTH, ancestorPathAt, isWithin, type PlacePath } from '../../territory/places';
import type { Actor } from '../actor';
import { managerRoles, staffRoles, type Role } from '../roles';
import { isIndependentReviewer } from './grant.policy';

export type MatterAction =
  | 'matter.raise'
  | 'matter.raiseOnBehalf'
  | 'matter.view'
  | 'matter.follow'
  | 'matter.support'
  | 'matter.vet'
  | 'matter.manage'
  | 'matter.discuss'
  | 'matter.moderate'
  | 'matter.object'
  | 'matter.confirm'
  | 'matter.followUp'
  | 'matter.rate'
  | 'matter.supervise'
  | 'matter.evaluate'
  | 'matter.export'
  | 'matter.assignOversight'
  | 'matter.recordFinding'
  | 'matter.answerFinding';

/** A matter as its policy sees it. `isParticipant`: proposer, invitee or attendee. */
export type MatterSubject = {
  type: 'matter';
  path: PlacePath;
  status: MatterStatus;
  proposerAccountId: number;
  visibility: MatterVisibility;
  isParticipant: boolean;
};

const holds = (actor: Actor, roleSet: readonly Role[], path: PlacePath) =>
  actor.grants.some((g) => roleSet.includes(g.role) && isWithin(path, g.placePath));

/** Roles that see every matter inside their place, whatever its visibility. */
export const matterOverseerRoles: readonly Role[] = [...staffRoles, 'supervisor'];
/** Roles that make their holder a neighbour of every matter in their community. */
export const neighbourRoles: readonly Role[] = ['resident', 'member'];

/** A resident or member of the community that contains `path`. */
function livesInCommunityOf(actor: Actor, path: PlacePath): boolean {
  const community = ancestorPathAt(path, COMMUNITY_DEPTH) ?? path;
  return actor.grants.some((g) => neighbourRoles.includes(g.role) && isWithin(g.placePath, community));
}

/** Raising needs only a place: residents raise in their own community, staff on a resident's behalf. */
export function canRaise(actor: Actor, action: 'matter.raise' | 'matter.raiseOnBehalf', path: PlacePath): boolean {
  if (action === 'matter.raiseOnBehalf') return holds(actor, staffRoles, path);
  return livesInCommunityOf(actor, path) || holds(actor, staffRoles, path);
}

/** Decides every matter action from the actor's grants and the matter's own state. */
export function canOnMatter(actor: Actor, action: MatterAction, m: MatterSubject): boolean {
  const stage = capabilities[m.status];
  const isStaff = holds(actor, matterOverseerRoles, m.path);
  const isNeighbour = livesInCommunityOf(actor, m.path);
  // A supervisor who runs nothing at the matter's place (the review archiving needs comes from them).
  const isIndependentSupervisor = holds(actor, ['supervisor'], m.path) && isIndependentReviewer(actor.grants, m.path);
  // Staff below the matter's place still follow it after it was escalated above them.
  const isStaffBelow = actor.grants.some((g) => staffRoles.includes(g.role) && isWithin(g.placePath, m.path));
  const canView =
    isStaff ||
    m.isParticipant ||
    actor.accountId === m.proposerAccountId ||
    (m.visibility !== 'participants' && (isNeighbour || isStaffBelow));
  switch (action) {
    case 'matter.raise':
    case 'matter.raiseOnBehalf':
      return canRaise(actor, action, m.path);
    // 关注: anyone who may read a matter may follow its news.
    case 'matter.view':
    case 'matter.follow':
      return canView;
    case 'matter.support':
      return stage.canSupport && isNeighbour && actor.accountId !== m.proposerAccountId;
    case 'matter.vet':
    case 'matter.manage':
    case 'matter.moderate':
      return stage.isWritable && holds(actor, managerRoles, m.path);
    case 'matter.discuss':
      return stage.canDiscuss && canView;
    case 'matter.object':
      return stage.canObject && canView;
    case 'matter.confirm':
      // Whether they attended is checked against sign-ins by the resolutions service.
      return stage.canConfirmResolution && m.isParticipant;
    case 'matter.followUp':
      return stage.canFollowUp && holds(actor, ['convenor', 'grid_worker', ...managerRoles], m.path);
    case 'matter.rate':
      return stage.canFollowUp && (m.isParticipant || actor.accountId === m.proposerAccountId || isNeighbour);
    case 'matter.supervise':
      return stage.canReview && isIndependentSupervisor;
    case 'matter.evaluate':
      return stage.canReview && holds(actor, [...managerRoles, 'supervisor'], m.path);
    case 'matter.export':
      return holds(actor, [...staffRoles, 'supervisor'], m.path);
    // Supervision (监督) runs through every stage until the archive is sealed.
    case 'matter.assignOversight':
    case 'matter.answerFinding':
      return stage.isWritable && holds(actor, managerRoles, m.path);
    case 'matter.recordFinding':
      return stage.isWritable && isIndependentSupervisor;
  }
}
