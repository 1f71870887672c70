import { z } from 'zod';
import { PHONE_PATTERN, normalisePhone } from '../domain/people/phone';
import { roles, sessionActions } from '../domain/access';
import { abilitiesSchema } from './common';

/** A mainland mobile number; spaces, dashes and +86 are tolerated. */
export const PhoneSchema = z
  .string()
  .max(20)
  .transform(normalisePhone)
  .pipe(z.string().regex(PHONE_PATTERN, 'validation.phone'));

export const CodeRequestBodySchema = z.object({ phone: PhoneSchema });
export const CodeRequestReplySchema = z.object({ sent: z.literal(true), devCode: z.string().optional() });
export const CodeLoginBodySchema = z.object({
  phone: PhoneSchema,
  code: z.string().regex(/^\d{6}$/, 'validation.code'),
});
export const PasswordLoginBodySchema = z.object({ phone: PhoneSchema, password: z.string().min(1).max(200) });

export const SessionViewSchema = z.object({
  isDemo: z.boolean(),
  account: z
    .object({
      id: z.number(),
      displayName: z.string(),
      phoneMasked: z.string(),
      residentId: z.number().nullable(),
      locale: z.string(),
      /** Logged in with a one-time password: nothing but the password change is allowed until it is done. */
      mustChangePassword: z.boolean(),
      /** Staff with a password may change it (residents log in by code only). */
      hasPassword: z.boolean(),
      grants: z.array(
        z.object({
          role: z.enum(roles),
          placeId: z.number(),
          placeName: z.string(),
          placeKind: z.string(),
          placePath: z.string(),
          /** What this grant lets its holder do at its place, by the same rules the server enforces. */
          abilities: abilitiesSchema(sessionActions),
        }),
      ),
    })
    .nullable(),
});
export type SessionView = z.infer<typeof SessionViewSchema>;
export type CodeRequestReply = z.infer<typeof CodeRequestReplySchema>;
