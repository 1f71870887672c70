export { accountsRoutes } from './accounts.routes';
export {
  createCity,
  createStaffAccount,
  grantRole,
  hasEnabledAdmin,
  listStaffAccounts,
  resetAccountPassword,
  revokeRole,
  setAccountActive,
} from './accounts.service';
export type { StaffAccountRow } from './accounts.repository';
