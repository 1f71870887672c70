import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from './password-policy';

/** The policy itself (length, digits, phone) is checked in the service, with a localised error per rule. */
export const passwordChangeBody = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

export const passwordChangeReply = z.object({ changed: z.literal(true) });
