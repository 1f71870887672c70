import type { SessionAction } from '../../../../domain/access/scope';
import { api } from '../../api/client';

/**
 * A role held on a place. `role` is for display only; what the grant lets one do at the place comes in
 * `abilities`, decided by the server's own rules, so the web never reasons about role names.
 */
export type Grant = {
  role: string;
  placeId: number;
  placeName: string;
  placeKind: string;
  placePath: string;
  abilities: Record<SessionAction, boolean>;
};

export type SessionAccount = {
  id: number;
  displayName: string;
  phoneMasked: string;
  residentId: number | null;
  locale: string;
  /** A one-time password is in use: it must be changed before anything else. */
  mustChangePassword: boolean;
  /** Staff with a password may change it. */
  hasPassword: boolean;
  grants: Grant[];
};

export type SessionView = { isDemo: boolean; account: SessionAccount | null };

export const authApi = {
  session: () => api.get<SessionView>('/session'),
  requestCode: (phone: string) => api.post<{ sent: true; devCode?: string }>('/auth/code', { phone }),
  loginWithCode: (phone: string, code: string) => api.post<SessionView>('/auth/login/code', { phone, code }),
  loginWithPassword: (phone: string, password: string) =>
    api.post<SessionView>('/auth/login/password', { phone, password }),
  logout: () => api.post<SessionView>('/auth/logout'),
};
