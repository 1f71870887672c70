export { rulesRoutes } from './rules.routes';
export { addRulesVersion } from './rules.service';
/** Commands the demo seed drives rules through (the same ones the routes call). */
export { addCouncilRulesVersion, addStandardVersion } from './rules.service';
