import { COMMUNITY_DEPTH, ancestorPathAt, isWithin, type PlacePath } from '../territory/places';
import type { Action, Subject } from './actions';
import type { Actor } from './actor';
import { canOnBallot, type BallotAction } from './policies/ballot.policy';
import { canOnGrant } from './policies/grant.policy';
import { canOnMatter, canRaise, type MatterAction } from './policies/matter.policy';
import { canOnReferral, liaisonRoles } from './policies/referral.policy';
import { agentRoles, canOnProject, type ProjectAction } from './policies/project.policy';
import { managerRoles, officerRoles, staffRoles, type Role } from './roles';

/** Roles whose grant opens the granted subtree itself for browsing (not only the home community). */
const browsingRoles: readonly Role[] = [...staffRoles, 'supervisor'];
/** Roles that see a place's statistics: officers over it, and the convenor and supervisors of a community. */
const statisticsRoles: readonly Role[] = ['convenor', 'supervisor', 'town_officer', 'city_officer', 'admin'];
/** Roles that may read a member pool: staff, supervisors, and members of that community. */
const poolReaderRoles: readonly Role[] = [...staffRoles, 'supervisor', 'member'];
/** Roles that read a place's monthly bulletin (月度通报) online: staff and supervisors. */
const bulletinReaderRoles: readonly Role[] = [...staffRoles, 'supervisor'];
/** 示范社区创建: the city sets the scheme, reviews and names; the town recommends; staff read applications. */
const cityRoles: readonly Role[] = ['city_officer', 'admin'];
const townRoles: readonly Role[] = ['town_officer', 'admin'];
/** 领军人才遴选: a community's convenor or a town's officer nominates people of their place. */
const talentNominatorRoles: readonly Role[] = ['convenor', 'town_officer', 'admin'];
/** Roles that keep the county deliberation standard's text. */
const standardKeeperRoles: readonly Role[] = ['city_officer', 'admin'];
/** Roles with a work queue of matters and a list of what is due (待督办) in their places. */
const overseeingRoles: readonly Role[] = [...staffRoles, 'supervisor'];

/**
 * Actions decided by a role held over the place alone. The same table answers `can()` for one place
 * and `scopeFor()` for the places a list may show, so the two never disagree.
 */
export const placeRoleRules = {
  'place.viewRoster': staffRoles,
  'roster.export': staffRoles,
  'bulletin.generate': staffRoles,
  'roster.import': managerRoles,
  'pool.manage': managerRoles,
  'council.manage': managerRoles,
  // 议事阵地: registered by the staff who manage the place; reviewed to the five haves by the town above.
  'venue.manage': managerRoles,
  'venue.review': officerRoles,
  // The county standard (议事协商规范) is city-wide: city officers keep it.
  'rules.manageStandard': standardKeeperRoles,
  // A community's deliberation formats (协商形式) are set by the officers over it.
  'format.manage': officerRoles,
  'pool.view': poolReaderRoles,
  'bulletin.view': bulletinReaderRoles,
  'statistics.view': statisticsRoles,
  'matter.listQueue': overseeingRoles,
  'supervision.listDue': overseeingRoles,
  'scheme.manage': cityRoles,
  'application.view': staffRoles,
  'application.submit': managerRoles,
  'application.recommend': townRoles,
  'application.review': cityRoles,
  'application.name': cityRoles,
  // 领军人才遴选: the city runs the selection (admits, scores, notices, names); staff read nominations.
  'talentSelection.manage': cityRoles,
  'talentNomination.view': staffRoles,
  'talentNomination.nominate': talentNominatorRoles,
  // Officers of a city or town register its departments and appoint their liaisons (or above it).
  'department.manage': officerRoles,
  // 部门待办: liaisons list their departments' referrals.
  'referral.listQueue': liaisonRoles,
  // 微治理项目征集: a city's or town's officers (or those above) publish its calls and manage its projects.
  'call.manage': officerRoles,
  // Social organisations' agents apply to calls (the organisation is a row; see project.policy).
  'call.apply': agentRoles,
  // 社会组织: staff and supervisors read the register within their places; officers of a city or town
  // register organisations there and appoint their agents; the city configures its "1+3+N" categories.
  'organisation.view': browsingRoles,
  'organisation.manage': officerRoles,
  'organisation.configure': cityRoles,
  // 我的组织: a social organisation's agent lists the organisations they act for.
  'organisation.listMine': ['organisation_agent'],
  // 培训: city and town officers run programmes over their place; staff read and keep the micro-leader pool.
  'training.manage': officerRoles,
  'microLeader.view': staffRoles,
  'microLeader.manage': managerRoles,
} as const satisfies Partial<Record<Action, readonly Role[]>>;
export type PlaceRoleAction = keyof typeof placeRoleRules;

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
    // A liaison browses nothing: they read their department's referrals, no roster or places. Nor does
    // a social organisation's agent: they work on their organisation's projects.
    actor.grants
      .filter((g) => !liaisonRoles.includes(g.role) && g.role !== 'organisation_agent')
      .map((g) =>
        browsingRoles.includes(g.role) ? g.placePath : (ancestorPathAt(g.placePath, COMMUNITY_DEPTH) ?? g.placePath),
      ),
  );
}

/** Inside a browsing scope, or an ancestor of one (so breadcrumbs and trails resolve). */
function isViewable(actor: Actor, path: PlacePath): boolean {
  return viewScopes(actor).some((scope) => isWithin(path, scope) || isWithin(scope, path));
}

type Rule = (actor: Actor, subject: Subject) => boolean;

const byPlaceRole =
  (action: PlaceRoleAction): Rule =>
  (actor, subject) =>
    holdsRoleOver(actor, placeRoleRules[action], subject.path);
const onMatter =
  (action: Exclude<MatterAction, 'matter.raise' | 'matter.raiseOnBehalf'>): Rule =>
  (actor, subject) =>
    subject.type === 'matter' && canOnMatter(actor, action, subject);
const onBallot =
  (action: BallotAction): Rule =>
  (actor, subject) =>
    subject.type === 'ballot' && canOnBallot(actor, action, subject);
const onProject =
  (action: ProjectAction): Rule =>
  (actor, subject) =>
    subject.type === 'project' && canOnProject(actor, action, subject);
const isSelf = (actor: Actor, subject: Subject) =>
  subject.type === 'resident' && actor.residentId === subject.residentId;

/**
 * One rule per action. `satisfies Record<Action, Rule>` makes a new action without a rule a compile
 * error instead of a silent `false`.
 */
export const actionRules = {
  'place.view': (actor, subject) => isViewable(actor, subject.path),
  'council.view': (actor, subject) => isViewable(actor, subject.path),
  'venue.view': (actor, subject) => isViewable(actor, subject.path),
  'venue.manage': byPlaceRole('venue.manage'),
  'venue.review': byPlaceRole('venue.review'),
  'rules.manageStandard': byPlaceRole('rules.manageStandard'),
  'place.viewRoster': byPlaceRole('place.viewRoster'),
  'roster.export': byPlaceRole('roster.export'),
  'bulletin.generate': byPlaceRole('bulletin.generate'),
  'roster.import': byPlaceRole('roster.import'),
  'pool.manage': byPlaceRole('pool.manage'),
  'council.manage': byPlaceRole('council.manage'),
  'format.manage': byPlaceRole('format.manage'),
  'pool.view': byPlaceRole('pool.view'),
  'bulletin.view': byPlaceRole('bulletin.view'),
  'statistics.view': byPlaceRole('statistics.view'),
  'matter.listQueue': byPlaceRole('matter.listQueue'),
  'supervision.listDue': byPlaceRole('supervision.listDue'),
  'scheme.manage': byPlaceRole('scheme.manage'),
  'application.view': byPlaceRole('application.view'),
  'application.submit': byPlaceRole('application.submit'),
  'application.recommend': byPlaceRole('application.recommend'),
  'application.review': byPlaceRole('application.review'),
  'application.name': byPlaceRole('application.name'),
  'talentSelection.manage': byPlaceRole('talentSelection.manage'),
  'talentNomination.view': byPlaceRole('talentNomination.view'),
  'talentNomination.nominate': byPlaceRole('talentNomination.nominate'),
  'department.manage': byPlaceRole('department.manage'),
  'referral.listQueue': byPlaceRole('referral.listQueue'),
  'organisation.view': byPlaceRole('organisation.view'),
  'organisation.manage': byPlaceRole('organisation.manage'),
  'organisation.configure': byPlaceRole('organisation.configure'),
  'organisation.listMine': byPlaceRole('organisation.listMine'),
  'training.manage': byPlaceRole('training.manage'),
  'microLeader.view': byPlaceRole('microLeader.view'),
  'microLeader.manage': byPlaceRole('microLeader.manage'),
  // A city's or town's committee page: whoever browses there, and the liaisons of that place.
  'department.view': (actor, subject) =>
    isViewable(actor, subject.path) || holdsRoleOver(actor, liaisonRoles, subject.path),
  'referral.view': (actor, subject) => subject.type === 'referral' && canOnReferral(actor, 'referral.view', subject),
  'referral.respond': (actor, subject) =>
    subject.type === 'referral' && canOnReferral(actor, 'referral.respond', subject),
  'resident.view': (actor, subject) => isSelf(actor, subject) || holdsRoleOver(actor, staffRoles, subject.path),
  'resident.viewPhone': (actor, subject) => holdsRoleOver(actor, staffRoles, subject.path) || isSelf(actor, subject),
  // The resident themself, or staff who manage the roster of their place (e.g. told by phone).
  'resident.setSmsOptOut': (actor, subject) =>
    isSelf(actor, subject) || holdsRoleOver(actor, managerRoles, subject.path),
  'matter.raise': (actor, subject) => canRaise(actor, 'matter.raise', subject.path),
  'matter.raiseOnBehalf': (actor, subject) => canRaise(actor, 'matter.raiseOnBehalf', subject.path),
  'matter.view': onMatter('matter.view'),
  'matter.follow': onMatter('matter.follow'),
  'matter.support': onMatter('matter.support'),
  'matter.vet': onMatter('matter.vet'),
  'matter.manage': onMatter('matter.manage'),
  'matter.discuss': onMatter('matter.discuss'),
  'matter.moderate': onMatter('matter.moderate'),
  'matter.object': onMatter('matter.object'),
  'matter.confirm': onMatter('matter.confirm'),
  'matter.followUp': onMatter('matter.followUp'),
  'matter.rate': onMatter('matter.rate'),
  'matter.supervise': onMatter('matter.supervise'),
  'matter.evaluate': onMatter('matter.evaluate'),
  'matter.export': onMatter('matter.export'),
  'matter.assignOversight': onMatter('matter.assignOversight'),
  'matter.recordFinding': onMatter('matter.recordFinding'),
  'matter.answerFinding': onMatter('matter.answerFinding'),
  'grant.appoint': (actor, subject) => subject.type === 'grant' && canOnGrant(actor, 'grant.appoint', subject),
  'grant.revoke': (actor, subject) => subject.type === 'grant' && canOnGrant(actor, 'grant.revoke', subject),
  'grant.viewHistory': (actor, subject) => canOnGrant(actor, 'grant.viewHistory', subject),
  'ballot.view': onBallot('ballot.view'),
  'ballot.manage': onBallot('ballot.manage'),
  'ballot.enterPaper': onBallot('ballot.enterPaper'),
  'call.manage': byPlaceRole('call.manage'),
  'call.apply': byPlaceRole('call.apply'),
  'project.view': onProject('project.view'),
  'project.edit': onProject('project.edit'),
  'project.submit': onProject('project.submit'),
  'project.review': onProject('project.review'),
  'project.contract': onProject('project.contract'),
  'project.report': onProject('project.report'),
  'project.acceptMilestone': onProject('project.acceptMilestone'),
  'project.evaluate': onProject('project.evaluate'),
  'project.close': onProject('project.close'),
  'project.export': onProject('project.export'),
} satisfies Record<Action, Rule>;

/**
 * The one authorization function, shared by server and web. State-aware: the subject carries
 * what the decision depends on. Anonymous actors (`null`) may do none of these.
 */
export function can(actor: Actor | null, action: Action, subject: Subject): boolean {
  return actor !== null && actionRules[action](actor, subject);
}

/** Abilities shipped to the web beside a resource, so the UI hides what the server would refuse. */
export function abilitiesFor<A extends Action>(
  actor: Actor | null,
  actions: readonly A[],
  subject: Subject,
): Record<A, boolean> {
  return Object.fromEntries(actions.map((a) => [a, can(actor, a, subject)])) as Record<A, boolean>;
}
