import { z } from 'zod';
import { publicTextKinds, publicTextStates } from '../domain/publication/public-text';
import { idField } from './common';

export type PublicTextKind = (typeof publicTextKinds)[number];

/** Staff confirm the public version of one source text (possibly edited; it is redacted again). */
export const ConfirmPublicTextBodySchema = z.object({
  kind: z.enum(publicTextKinds),
  sourceId: idField,
  /** The (edited) redacted text; the redactor runs on it again before it is stored. */
  body: z.string().trim().min(1).max(20_000),
  /** SHA-256 of the source the staff member saw: a source changed meanwhile is refused. */
  sourceDigest: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ConfirmPublicTextBody = z.infer<typeof ConfirmPublicTextBodySchema>;

const hidden = z.object({
  name: z.number(),
  phone: z.number(),
  idCard: z.number(),
  idCardLike: z.number(),
  digits: z.number(),
  flat: z.number(),
});

export const PublicTextItemSchema = z.object({
  kind: z.enum(publicTextKinds),
  sourceId: z.number(),
  context: z.object({ meetingStartsAt: z.string().optional(), noticeKind: z.string().optional() }),
  original: z.string(),
  sourceDigest: z.string(),
  proposed: z.string(),
  hidden,
  /** confirmed: matches the current source; stale: confirmed from an earlier version; unconfirmed. */
  state: z.enum(publicTextStates),
  confirmed: z.object({ body: z.string(), confirmedAt: z.string(), confirmedBy: z.string() }).nullable(),
});

export const PublicationReplySchema = z.object({
  matterId: z.number(),
  items: z.array(PublicTextItemSchema),
  /** The matter's labels, name → label (staff only see this screen). */
  labels: z.array(z.object({ name: z.string(), label: z.string() })),
});
export type PublicationReply = z.infer<typeof PublicationReplySchema>;
export type PublicTextItem = z.infer<typeof PublicTextItemSchema>;
