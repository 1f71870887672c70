import { z } from 'zod';
import { paperStatuses } from '../../../../domain/voting';
import { idField, idParam } from '../../../../contracts/common';
import { choiceFields } from '../proxies/proxies.schemas';

export { ballotParams, castReply } from '../proxies/proxies.schemas';

export const paperParams = z.object({ id: idParam });

/** One staff member's reading of one paper ballot: its number, the elector on the roster, the choice. */
export const paperBody = z.object({
  /** Printed on the paper; read case-insensitively (`a001` is `A001`). */
  paperNo: z.string().trim().min(1).max(20).toUpperCase(),
  electorId: idField,
  ...choiceFields,
});
export type PaperBody = z.infer<typeof paperBody>;

/**
 * A third staff member settles a mismatch: the right elector and choice, or `{ void: true, note }`.
 * On a secret ballot they enter the paper again, and it counts only when it matches one of the two
 * entries (whose choices nobody sees).
 */
export const reconcileBody = z.object({
  electorId: idField.optional(),
  ...choiceFields,
  void: z.literal(true).optional(),
  note: z.string().trim().min(1).max(200).optional(),
});
export type ReconcileBody = z.infer<typeof reconcileBody>;

export const papersQuery = z.object({ status: z.enum(paperStatuses).optional() });

/** A stored choice; always null on a secret ballot (its entries keep only a digest, never shown). */
export const storedChoice = z
  .object({
    kind: z.enum(['yes_no', 'approval', 'ranked']),
    choice: z.enum(['for', 'against', 'abstain']).optional(),
    optionIds: z.array(z.number()).optional(),
  })
  .nullable();

export const paperView = z.object({
  id: z.number(),
  paperNo: z.string(),
  status: z.enum(paperStatuses),
  /** Why it waits for reconciliation: the two entries differ (not what either said), or the elector had voted. */
  mismatch: z.enum(['differs', 'already_voted']).nullable(),
  reconcileNote: z.string().nullable(),
  entries: z.array(
    z.object({
      electorId: z.number(),
      label: z.string(),
      choice: storedChoice,
      enteredBy: z.object({ accountId: z.number(), name: z.string() }),
      at: z.string(),
    }),
  ),
});
export type PaperView = z.infer<typeof paperView>;

export const paperListReply = z.object({
  items: z.array(paperView),
  counts: z.object({ pending: z.number(), mismatch: z.number(), counted: z.number(), void: z.number() }),
});

export const assistedBody = z.object({
  electorId: idField,
  /** 入户 (door to door) or 流动票箱 (mobile ballot box). */
  method: z.enum(['door_to_door', 'mobile_box']),
  ...choiceFields,
});
export type AssistedBody = z.infer<typeof assistedBody>;
