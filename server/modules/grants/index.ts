export { grantsRoutes } from './grants.routes';
export {
  appointToPlace,
  grantRowAbilities,
  placeGrantAbilities,
  independentAt,
  readGrantHistory,
  revokeFromPlace,
} from './grants.service';
export {
  activeAccountByPhone,
  deleteGrant,
  insertGrant,
  lockAccountGrants,
  recordGrantEvent,
} from './grants.repository';
