import { z } from 'zod';
import { idParam } from './common';
import { rosterKinds } from '../domain/roster';

/** validate: a preview only; commit: a flawless file only; commit_valid: the valid rows, skipping bad ones. */
export const importModes = ['validate', 'commit', 'commit_valid'] as const;
export type ImportMode = (typeof importModes)[number];

export const FileParamsSchema = z.object({ kind: z.enum(rosterKinds), format: z.enum(['xlsx', 'csv']) });
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
