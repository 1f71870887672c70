export { organisationsRoutes } from './organisations.routes';
/** Commands the demo seed drives (the same ones the routes call). */
export { addCategory, reorderCategories } from './categories.service';
export { registerOrganisation, updateOrganisation } from './organisations.service';
export { appointAgent } from './agents.service';
/** The social organisations an account acts for as agent (联络人): projects and the agent's home read it. */
export { agentOrganisationIds } from './organisations.repository';
