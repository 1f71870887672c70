export { authRoutes } from './auth.routes';
export { hashPassword, verifyPassword } from './password';
export { findAccountByPhone } from './auth.repository';
export { deleteOtherSessionsOf, deleteSessionsOf } from './sessions.repository';
