import { z } from 'zod';

/** 一事一档: sealing a matter, and its file for staff as .docx or .json. */

export const ArchivedReplySchema = z.object({ id: z.number(), status: z.string(), sealedAt: z.string() });
export type ArchivedReply = z.infer<typeof ArchivedReplySchema>;

/** A stored row as exported: its id and every column (the file is the record, so nothing is dropped). */
const RowSchema = z.looseObject({ id: z.number() });
const RowsSchema = z.array(RowSchema);

/**
 * GET /matters/:id/file.json, for staff of the matter's place: the matter's whole file, the audit
 * chain and its verification verdict. Rows pass whole; the schema names the parts of the file.
 */
export const MatterFileSchema = z.object({
  format: z.literal('yishi.matter-file/1'),
  exportedAt: z.string(),
  matter: RowSchema,
  placeName: z.string(),
  notices: RowsSchema,
  invitees: RowsSchema,
  meetings: RowsSchema,
  signIns: z.array(z.looseObject({ meeting_id: z.number() })),
  minutes: RowsSchema,
  resolution: RowSchema.nullable(),
  ballots: z.array(z.looseObject({})),
  confirmations: z.array(z.looseObject({})),
  objections: RowsSchema,
  tasks: z.array(RowSchema.extend({ progress: RowsSchema })),
  followUps: RowsSchema,
  supervisionReviews: z.array(z.looseObject({ verdict: z.string() })),
  evaluation: z.looseObject({}).nullable(),
  /** Supervision findings, oldest first: each finding row with its supervisor's and answerer's names. */
  findings: z.array(z.looseObject({ supervisorName: z.string() })),
  chain: z.array(z.looseObject({ seq: z.number(), action: z.string() })),
  verdict: z.looseObject({ isIntact: z.boolean() }),
  /** Account id → display name, for the chain's actors. */
  actors: z.record(z.string(), z.string()),
});
