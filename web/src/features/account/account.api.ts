import { api } from '../../api/client';
import type { PasswordChangeBody, PasswordChangeReply } from '../../../../contracts/accounts';

export const accountApi = {
  /** The account holder's own password change; ends their other sessions. */
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<PasswordChangeReply>('/account/password', { currentPassword, newPassword } satisfies PasswordChangeBody),
};
