import { api } from '../../api/client';
import type { CodeRequestReply, SessionView } from '../../../../contracts/auth';

export type { SessionView };
export type SessionAccount = NonNullable<SessionView['account']>;
export type Grant = SessionAccount['grants'][number];

export const authApi = {
  session: () => api.get<SessionView>('/session'),
  requestCode: (phone: string) => api.post<CodeRequestReply>('/auth/code', { phone }),
  loginWithCode: (phone: string, code: string) => api.post<SessionView>('/auth/login/code', { phone, code }),
  loginWithPassword: (phone: string, password: string) =>
    api.post<SessionView>('/auth/login/password', { phone, password }),
  logout: () => api.post<SessionView>('/auth/logout'),
};
