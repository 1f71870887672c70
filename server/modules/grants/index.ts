export { grantsRoutes } from './grants.routes';
export {
  appointToPlace,
  canRevoke,
  grantAbilities,
  independentAt,
  readGrantHistory,
  revokeFromPlace,
} from './grants.service';
export { recordGrantEvent } from './grants.repository';
