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
  type StaffAccountRow,
} from './accounts.service';
