import { api } from '../../api/client';

export type Role =
  'resident' | 'member' | 'convenor' | 'grid_worker' | 'supervisor' | 'town_officer' | 'city_officer' | 'admin';

export type Grant = { role: Role; placeId: number; placeName: string; placeKind: string; placePath: string };

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
