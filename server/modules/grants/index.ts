export { grantsRoutes } from './grants.routes';
export {
  appointToPlace,
  grantRowAbilities,
  placeGrantAbilities,
  independentAt,
  readGrantHistory,
  revokeFromPlace,
} from './grants.service';
export { recordGrantEvent } from './grants.repository';
