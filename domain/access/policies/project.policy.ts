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

/**
 * The organisation's agents write its application and report its milestones and spending; the officers
 * of the call's place (or above) review, contract, accept, evaluate and close. Each by the project's stage.
 */
export function canOnProject(actor: Actor, action: ProjectAction, subject: ProjectSubject): boolean {
  const agent = isAgentOf(actor, subject);
  const officer = isOfficerOver(actor, subject.path);
  const reader = officer || subject.servedPaths.some((p) => isOfficerOver(actor, p));
  const { status } = subject;
  switch (action) {
    case 'project.view':
    case 'project.export':
      // Officers do not see an organisation's draft before it is first submitted.
      return agent || (reader && !projectLifecycle.is.draft(status));
    case 'project.edit':
      return agent && isEditableProject(status);
    case 'project.submit':
      return agent && projectLifecycle.allows('submit', status);
    case 'project.review':
      return officer && projectLifecycle.is.submitted(status);
    case 'project.contract':
      return officer && projectLifecycle.allows('contract', status);
    case 'project.report':
      return agent && isRunningProject(status);
    case 'project.acceptMilestone':
      return officer && isRunningProject(status);
    case 'project.evaluate':
      return officer && projectLifecycle.allows('evaluateFinal', status);
    case 'project.close':
      return officer && projectLifecycle.allows('close', status);
  }
}
