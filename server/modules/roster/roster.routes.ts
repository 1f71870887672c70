import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { todayInChina } from '../../calendar';
import type { Db } from '../../db/client';
import type { AppDeps } from '../../deps';
import { AppError, invalid, notFound } from '../../errors';
import { localeFrom, type Locale } from '../../i18n/messages';
import type { Actor } from '../../../domain/access';
import { requireActor } from '../../plugins/session';
import { contentDisposition, contentTypes, type SheetFormat } from './roster.files';
import { readImportForm, removeUpload, type ImportForm } from './roster.upload';
import { RosterJobs } from './roster.jobs';
import { findPlaceById } from './roster.repository';
import {
  ExportQuerySchema,
  FileParamsSchema,
  ImportFieldsSchema,
  ImportReplySchema,
  RosterLimitsSchema,
  type ImportReply,
} from '../../../contracts/roster';
import { isPreviewKept, PREVIEW_SWEEP_MS, previewPath, sweepPreviews } from './roster.preview';
import { buildTemplate, type RosterFile, type RosterFileNames } from './roster.service';
import type { ImportResult, ImportTask } from './roster.worker';
import { authorize } from '../../plugins/authorize';

/** The connection string of the app's pool: roster workers open their own small pool on it. */
function databaseUrlOf(db: Db): string {
  const url = (db as unknown as { $client: pg.Pool }).$client.options?.connectionString;
  if (!url) throw new Error('roster: the database pool has no connection string');
  return url;
}

export const rosterRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db, config } = deps;
  const scopeOf = async (placeId: number) => (await findPlaceById(db, placeId)) ?? Promise.reject(notFound('place'));
  const jobs = new RosterJobs(databaseUrlOf(db), config.roster);
  app.addHook('onClose', () => jobs.close());
  // Exports are written here by a worker, streamed to the client and removed.
  const exportDir = path.join(config.dataDir, 'tmp');
  // Uploads are streamed here and removed once imported; previews are kept here for their commit.
  const uploadDir = exportDir;
  // Expired previews leave the disk within minutes even when no one imports again.
  const sweeper = setInterval(() => void sweepPreviews(uploadDir, null), PREVIEW_SWEEP_MS).unref();
  app.addHook('onClose', async () => clearInterval(sweeper));

  app.get(
    '/roster/limits',
    { schema: { tags: ['roster'], response: { 200: RosterLimitsSchema } } },
    async (request) => {
      requireActor(request);
      return { maxUploadMb: Math.round(config.roster.maxUploadBytes / 2 ** 20), maxRows: config.roster.maxRows };
    },
  );

  app.get(
    '/roster/templates/:kind.:format',
    { schema: { tags: ['roster'], params: FileParamsSchema } },
    async (request, reply) => {
      requireActor(request);
      const { kind, format } = request.params;
      const file = await buildTemplate(kind, format);
      return headers(reply, file, format).send(file.body);
    },
  );

  app.get(
    '/roster/export/:kind.:format',
    { schema: { tags: ['roster'], params: FileParamsSchema, querystring: ExportQuerySchema } },
    async (request, reply) => {
      const actor = requireActor(request);
      const scope = await scopeOf(request.query.placeId);
      authorize(actor, 'roster.export', { type: 'place', path: scope.path }, { what: 'place' });
      const { kind, format } = request.params;
      await fs.promises.mkdir(exportDir, { recursive: true, mode: 0o700 });
      const filePath = path.join(exportDir, `roster-export-${randomUUID()}.${format}`);
      const remove = () => fs.promises.rm(filePath, { force: true });
      try {
        const command = { accountId: actor.accountId, scope, kind, format, filePath };
        const names = (await jobs.run(actor.accountId, { type: 'export', command })) as RosterFileNames;
        const body = fs.createReadStream(filePath);
        body.once('close', () => void remove());
        return headers(reply, names, format).send(body);
      } catch (error) {
        await remove();
        throw error;
      }
    },
  );

  app.post(
    '/roster/imports',
    { schema: { tags: ['roster'], consumes: ['multipart/form-data'], response: { 200: ImportReplySchema } } },
    async (request) => {
      const actor = requireActor(request);
      // The file is streamed to disk as it arrives; the worker reads it from there; it is removed after.
      const form = await readImportForm(request, uploadDir, config.roster.maxUploadBytes);
      try {
        return await importFrom(actor, form, localeFrom(request.headers['accept-language']));
      } finally {
        await removeUpload(form);
      }
    },
  );

  async function importFrom(actor: Actor, form: ImportForm, locale: Locale): Promise<ImportReply> {
    const fields = parseImportForm(form);
    const { placeId, kind, mode, acknowledgeWarnings, file } = fields;
    const scope = await scopeOf(placeId);
    authorize(actor, 'roster.import', { type: 'place', path: scope.path }, { what: 'place' });
    const rows = await rowsToImport(actor, fields);
    const command = {
      accountId: actor.accountId,
      scope,
      kind,
      mode,
      fileName: file?.fileName ?? '',
      source: rows.source,
      keepAs: rows.keepAs,
      today: todayInChina(),
      acknowledgeWarnings: acknowledgeWarnings === 'true',
      caps: { maxRows: config.roster.maxRows, maxUnzippedBytes: config.roster.maxUnzippedBytes },
    };
    const result = await runImport(actor, { type: 'import', command, locale }, rows);
    const isKept = rows.keptId !== null && !result.view.committed;
    if (rows.keptId !== null && !isKept) await fs.promises.rm(rows.keptPath, { force: true });
    const view = { ...result.view, previewId: isKept ? rows.keptId : null };
    if (result.refusal === 'problems') {
      throw new AppError(422, 'roster.file_invalid', { params: { count: result.problemCount }, details: view });
    }
    if (result.refusal === 'warnings') {
      throw new AppError(422, 'roster.warnings_unacknowledged', {
        field: 'acknowledgeWarnings',
        params: { count: result.warningCount },
        details: view,
      });
    }
    return view;
  }

  /** A preview that fails (a stopped worker among the causes) keeps nothing. */
  async function runImport(actor: Actor, task: ImportTask, rows: { keepAs: string | undefined }) {
    try {
      return (await jobs.run(actor.accountId, task)) as ImportResult;
    } catch (error) {
      if (rows.keepAs)
        await Promise.all([rows.keepAs, `${rows.keepAs}.part`].map((f) => fs.promises.rm(f, { force: true })));
      throw error;
    }
  }

  /**
   * Where the rows come from: the uploaded file (a preview keeps what it reads, under a new id, and
   * drops the account's older previews), or, for a commit without a file, the kept preview it names.
   */
  async function rowsToImport(actor: Actor, form: ReturnType<typeof parseImportForm>) {
    const keyOf = (id: string) => ({
      accountId: actor.accountId,
      placeId: form.placeId,
      kind: form.kind,
      previewId: id,
    });
    if (form.file && form.mode === 'validate') {
      await sweepPreviews(uploadDir, actor.accountId);
      const keptId = randomUUID();
      const keptPath = previewPath(uploadDir, keyOf(keptId));
      return { source: { filePath: form.file.filePath }, keepAs: keptPath, keptId, keptPath };
    }
    if (form.file !== null)
      return { source: { filePath: form.file.filePath }, keepAs: undefined, keptId: null, keptPath: '' };
    const keptPath = previewPath(uploadDir, keyOf(form.previewId));
    if (!(await isPreviewKept(keptPath))) throw new AppError(404, 'roster.preview_gone', { field: 'previewId' });
    return { source: { previewPath: keptPath }, keepAs: undefined, keptId: form.previewId, keptPath };
  }
};

/** The form's fields through the zod schema (multipart bodies bypass route validation), then the file. */
function parseImportForm(form: ImportForm) {
  const parsed = ImportFieldsSchema.safeParse(form.fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? 'form');
    throw invalid(field, form.fields[field] === undefined ? 'validation.required' : 'validation.wrong_type');
  }
  const { previewId, ...fields } = parsed.data;
  if (form.file && form.file.size > 0) return { ...fields, file: form.file, previewId: undefined };
  // A commit may name a kept preview instead of sending the file again; a preview needs the file.
  if (fields.mode !== 'validate' && previewId) return { ...fields, file: null, previewId };
  throw invalid('file', 'roster.file_missing');
}

function headers(reply: FastifyReply, file: RosterFile | RosterFileNames, format: SheetFormat) {
  return reply
    .header('content-type', contentTypes[format])
    .header('content-disposition', contentDisposition(file.fileName, file.asciiName))
    .header('cache-control', 'no-store');
}
