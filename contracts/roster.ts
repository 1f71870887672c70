import { z } from 'zod';
import { idParam } from './common';
import { importModes, rosterKinds, sheetFormats } from '../domain/roster';

export { importModes, type ImportMode } from '../domain/roster';

export const FileParamsSchema = z.object({ kind: z.enum(rosterKinds), format: z.enum(sheetFormats) });
export const ExportQuerySchema = z.object({ placeId: idParam });

/** What one import may hold (GET /api/roster/limits): the server's settings, for the import screen. */
export const RosterLimitsSchema = z.object({ maxUploadMb: z.number().int(), maxRows: z.number().int() });
export type RosterLimits = z.infer<typeof RosterLimitsSchema>;

/** A preview kept for its commit (server/modules/roster/roster.preview.ts): a lowercase UUID. */
export const PREVIEW_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The text fields of the multipart import form (the file itself is read separately). */
export const ImportFieldsSchema = z.object({
  placeId: idParam,
  kind: z.enum(rosterKinds),
  mode: z.enum(importModes).default('validate'),
  /** The worker has seen the preview's warnings and commits those rows anyway. */
  acknowledgeWarnings: z.enum(['true', 'false']).default('false'),
  /** A commit of a kept preview (`previewId` of its reply) instead of the file sent again. */
  previewId: z.string().regex(PREVIEW_ID_PATTERN).optional(),
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
  /**
   * The preview kept for a commit (mode `validate`, and a refused commit of a kept preview): send it back
   * as `previewId` instead of the file. Null once committed, or when the rows came as a file to commit.
   */
  previewId: z.string().nullable(),
});
export type ImportReply = z.infer<typeof ImportReplySchema>;
export type RosterProblem = ImportReply['problems'][number];
