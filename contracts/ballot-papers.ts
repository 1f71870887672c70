import { z } from 'zod';
import { paperMismatches, paperStatuses } from '../domain/voting/paper-status';
import { assistedMethods, choiceKinds, yesNoChoices } from '../domain/voting/rules';
import { choiceFields } from './ballot-proxies';
import { idField, idParam } from './common';

/** Votes staff enter for others: assisted votes and double-entered paper ballots with reconciliation. */

export { paperStatuses, type PaperMismatch, type PaperStatus } from '../domain/voting/paper-status';

export const PaperParamsSchema = z.object({ id: idParam });

/** One staff member's reading of one paper ballot: its number, the elector on the roster, the choice. */
export const PaperBodySchema = z.object({
  /** Printed on the paper; read case-insensitively (`a001` is `A001`). */
  paperNo: z.string().trim().min(1).max(20).toUpperCase(),
  electorId: idField,
  ...choiceFields,
});
export type PaperBody = z.infer<typeof PaperBodySchema>;

/**
 * A third staff member settles a mismatch: the right elector and choice, or `{ void: true, note }`.
 * On a secret ballot they enter the paper again, and it counts only when it matches one of the two
 * entries (whose choices nobody sees).
 */
export const ReconcileBodySchema = z.object({
  electorId: idField.optional(),
  ...choiceFields,
  void: z.literal(true).optional(),
  note: z.string().trim().min(1).max(200).optional(),
});
export type ReconcileBody = z.infer<typeof ReconcileBodySchema>;

export const PapersQuerySchema = z.object({ status: z.enum(paperStatuses).optional() });

/** A stored choice; always null on a secret ballot (its entries keep only a digest, never shown). */
export const StoredChoiceSchema = z
  .object({
    kind: z.enum(choiceKinds),
    choice: z.enum(yesNoChoices).optional(),
    optionIds: z.array(z.number()).optional(),
  })
  .nullable();
export type StoredChoice = z.infer<typeof StoredChoiceSchema>;

export const PaperViewSchema = z.object({
  id: z.number(),
  paperNo: z.string(),
  status: z.enum(paperStatuses),
  mismatch: z.enum(paperMismatches).nullable(),
  reconcileNote: z.string().nullable(),
  entries: z.array(
    z.object({
      electorId: z.number(),
      label: z.string(),
      choice: StoredChoiceSchema,
      enteredBy: z.object({ accountId: z.number(), name: z.string() }),
      at: z.string(),
    }),
  ),
});
export type PaperView = z.infer<typeof PaperViewSchema>;
export type PaperEntry = PaperView['entries'][number];

export const PaperListReplySchema = z.object({
  items: z.array(PaperViewSchema),
  counts: z.object({ pending: z.number(), mismatch: z.number(), counted: z.number(), void: z.number() }),
});
export type PaperList = z.infer<typeof PaperListReplySchema>;

export const AssistedBodySchema = z.object({
  electorId: idField,
  /** 入户 (door to door) or 流动票箱 (mobile ballot box). */
  method: z.enum(assistedMethods),
  ...choiceFields,
});
export type AssistedBody = z.infer<typeof AssistedBodySchema>;
