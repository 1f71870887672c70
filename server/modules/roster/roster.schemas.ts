import { z } from 'zod';
import { idParam } from '../../http/schemas';
import { rosterKinds } from '../../../domain/roster';
import { importModes } from './roster.service';

export const fileParams = z.object({ kind: z.enum(rosterKinds), format: z.enum(['xlsx', 'csv']) });
export const exportQuery = z.object({ placeId: idParam });

/** The text fields of the multipart import form (the file itself is read separately). */
export const importFields = z.object({
  placeId: idParam,
  kind: z.enum(rosterKinds),
  mode: z.enum(importModes).default('validate'),
});

export const importReply = z.object({
  kind: z.enum(rosterKinds),
  fileName: z.string(),
  rowCount: z.number().int(),
  validCount: z.number().int(),
  problems: z.array(
    z.object({ row: z.number().int(), column: z.string(), value: z.string(), code: z.string(), message: z.string() }),
  ),
  committed: z.boolean(),
  summary: z
    .object({
      inserted: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      skipped: z.number().int(),
    })
    .nullable(),
});
export type ImportReply = z.infer<typeof importReply>;
