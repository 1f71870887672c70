export { rulesRoutes } from './rules.routes';
export { addRulesVersion, STANDARD_NAME } from './rules.service';
