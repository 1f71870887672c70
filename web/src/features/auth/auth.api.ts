import { api } from '../../api/client';
import type { CodeRequestReply, SessionView } from '../../../../contracts/auth';

export type { SessionView };
export type SessionAccount = NonNullable<SessionView['account']>;
/**
 * A role held on a place. `role` is for display only; what the grant lets one do at the place comes in
 * `abilities`, decided by the server's own rules, so the web never reasons about role names.
 */
export type Grant = SessionAccount['grants'][number];

export const authApi = {
  session: () => api.get<SessionView>('/session'),
  requestCode: (phone: string) => api.post<CodeRequestReply>('/auth/code', { phone }),
  loginWithCode: (phone: string, code: string) => api.post<SessionView>('/auth/login/code', { phone, code }),
  loginWithPassword: (phone: string, password: string) =>
    api.post<SessionView>('/auth/login/password', { phone, password }),
  logout: () => api.post<SessionView>('/auth/logout'),
};
