export { accountsRoutes } from './accounts.routes';
export {
  createCity,
  createStaffAccount,
  hasEnabledAdmin,
  listStaffAccounts,
  resetAccountPassword,
  setAccountActive,
  type StaffAccountRow,
} from './accounts.service';
