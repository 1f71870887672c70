import { isEditableProject, isRunningProject, projectLifecycle, type ProjectStatus } from '../../projects/lifecycle';
import { isWithin, type PlacePath } from '../../territory/places';
import type { Actor } from '../actor';
import { officerRoles, type Role } from '../roles';

/** The role a social organisation's agent holds (on its place); the link to the organisation is a row. */
export const agentRoles: readonly Role[] = ['organisation_agent'];

export type ProjectAction =
  | 'project.view'
  | 'project.edit'
  | 'project.submit'
  | 'project.review'
  | 'project.contract'
  | 'project.report'
  | 'project.acceptMilestone'
  | 'project.evaluate'
  | 'project.close'
  | 'project.export';

/**
 * A micro-governance project: `path` is its call's place (the officers over it review and manage it),
 * `isAgent` whether the actor is an agent of the project's organisation (a row, not a grant), `status` its stage.
 */
export type ProjectSubject = {
  type: 'project';
  path: PlacePath;
  isAgent: boolean;
  status: ProjectStatus;
  /** The communities it serves: officers over one of them read it too (a town sees a city call's project there). */
  servedPaths: readonly PlacePath[];
};

const isOfficerOver = (actor: Actor, path: PlacePath) =>
  actor.grants.some((g) => officerRoles.includes(g.role) && isWithin(path, g.placePath));
const isAgentOf = (actor: Actor, subject: ProjectSubject) =>
  subject.isAgent && actor.grants.some((g) => agentRoles.includes(g.role));

/** Who may do each stage-bound action: the organisation's agents, or the officers over the call's place. */
const projectActors = {
  'project.edit': 'agent',
  'project.submit': 'agent',
  'project.review': 'officer',
  'project.contract': 'officer',
  'project.report': 'agent',
  'project.acceptMilestone': 'officer',
  'project.evaluate': 'officer',
  'project.close': 'officer',
} as const satisfies Record<Exclude<ProjectAction, 'project.view' | 'project.export'>, 'agent' | 'officer'>;

/** Whether the project's stage allows a stage-bound action at all, whoever asks. */
function stageAllows(action: keyof typeof projectActors, status: ProjectStatus): boolean {
  switch (action) {
    case 'project.edit':
      return isEditableProject(status);
    case 'project.submit':
      return projectLifecycle.allows('submit', status);
    case 'project.review':
      return projectLifecycle.is.submitted(status);
    case 'project.contract':
      return projectLifecycle.allows('contract', status);
    case 'project.report':
    case 'project.acceptMilestone':
      return isRunningProject(status);
    case 'project.evaluate':
      return projectLifecycle.allows('evaluateFinal', status);
    case 'project.close':
      return projectLifecycle.allows('close', status);
  }
}

/**
 * Whether the actor is the one who does `action` on this project, whatever its stage: when this holds
 * but `canOnProject` does not, only the stage refuses (someone moved it first), which is a 409, not a 403.
 */
export function actsOnProject(actor: Actor, action: ProjectAction, subject: ProjectSubject): boolean {
  if (action === 'project.view' || action === 'project.export') return false;
  return projectActors[action] === 'agent' ? isAgentOf(actor, subject) : isOfficerOver(actor, subject.path);
}

/**
 * The organisation's agents write its application and report its milestones and spending; the officers
 * of the call's place (or above) review, contract, accept, evaluate and close. Each by the project's stage.
 */
export function canOnProject(actor: Actor, action: ProjectAction, subject: ProjectSubject): boolean {
  if (action === 'project.view' || action === 'project.export') {
    const reader = isOfficerOver(actor, subject.path) || subject.servedPaths.some((p) => isOfficerOver(actor, p));
    // Officers do not see an organisation's draft before it is first submitted.
    return isAgentOf(actor, subject) || (reader && !projectLifecycle.is.draft(subject.status));
  }
  return actsOnProject(actor, action, subject) && stageAllows(action, subject.status);
}
