import { z } from 'zod';

/** The longest password accepted (hashing cost grows with length). */
export const PASSWORD_MAX_LENGTH = 200;

/** The policy itself (length, digits, phone) is checked in the service, with a localised error per rule. */
export const PasswordChangeBodySchema = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

export const PasswordChangeReplySchema = z.object({ changed: z.literal(true) });

export type PasswordChangeBody = z.infer<typeof PasswordChangeBodySchema>;
export type PasswordChangeReply = z.infer<typeof PasswordChangeReplySchema>;
