export { authRoutes } from './auth.routes';
export { hashPassword, verifyPassword } from './password';
export type { SmsProvider } from './sms';
export { DevSmsProvider } from './sms';
