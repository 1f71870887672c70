import { z } from 'zod';
import { idParam } from './common';
import { importModes, rosterKinds, sheetFormats } from '../domain/roster';

export { importModes, type ImportMode } from '../domain/roster';

export const FileParamsSchema = z.object({ kind: z.enum(rosterKinds), format: z.enum(sheetFormats) });
export const ExportQuerySchema = z.object({ placeId: idParam });

/** The text fields of the multipart import form (the file itself is read separately). */
export const ImportFieldsSchema = z.object({
  placeId: idParam,
  kind: z.enum(rosterKinds),
  mode: z.enum(importModes).default('validate'),
  /** The worker has seen the preview's warnings and commits those rows anyway. */
  acknowledgeWarnings: z.enum(['true', 'false']).default('false'),
});

const rowNote = z.object({
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  code: z.string(),
  message: z.string(),
});

export const ImportReplySchema = z.object({
  kind: z.enum(rosterKinds),
  fileName: z.string(),
  rowCount: z.number().int(),
  validCount: z.number().int(),
  problems: z.array(rowNote),
  /** Valid rows that are probably wrong: a commit writes them only with `acknowledgeWarnings`. */
  warnings: z.array(rowNote),
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
export type ImportReply = z.infer<typeof ImportReplySchema>;
export type RosterProblem = ImportReply['problems'][number];
