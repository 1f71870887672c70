export { authRoutes } from './auth.routes';
export { hashPassword, verifyPassword } from './password';
