import { api } from '../../api/client';

export const accountApi = {
  /** The account holder's own password change; ends their other sessions. */
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<{ changed: true }>('/account/password', { currentPassword, newPassword }),
};
