export { callsRoutes } from './calls.routes';
export { projectsRoutes } from './projects.routes';
export { projectRunningRoutes } from './project-running.routes';
export { projectsPublicRoutes } from './projects-public.routes';
export { createCall, moveCallBy } from './calls.service';
export { applyToCall, saveApplication, submitApplication } from './applications.service';
export { contractProject, decideProject, returnProject, scoreProject } from './review.service';
export { closeProject, evaluateProject, recordSpending, reportMilestone, reviewMilestone } from './running.service';
/** Reads the demo seed drives its projects by. */
export { linesOf, milestonesOf } from './project-parts.repository';
