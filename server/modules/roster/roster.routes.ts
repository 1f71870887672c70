import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { can } from '../../../domain/access';
import { todayInChina } from '../../calendar';
import type { AppDeps } from '../../deps';
import { AppError, forbidden, invalid, notFound } from '../../errors';
import { localeFrom } from '../../i18n/messages';
import { requireActor } from '../../plugins/session';
import { contentDisposition, contentTypes, readImportForm, type ImportForm, type SheetFormat } from './roster.files';
import { presentImport } from './roster.presenter';
import { findPlaceById } from './roster.repository';
import { exportQuery, fileParams, importFields, importReply } from './roster.schemas';
import { buildTemplate, exportRoster, importRoster, type RosterFile } from './roster.service';

export const rosterRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const scopeOf = async (placeId: number) => (await findPlaceById(db, placeId)) ?? Promise.reject(notFound('place'));

  app.get(
    '/roster/templates/:kind.:format',
    { schema: { tags: ['roster'], params: fileParams } },
    async (request, reply) => {
      requireActor(request);
      return sendFile(reply, await buildTemplate(request.params.kind, request.params.format), request.params.format);
    },
  );

  app.get(
    '/roster/export/:kind.:format',
    { schema: { tags: ['roster'], params: fileParams, querystring: exportQuery } },
    async (request, reply) => {
      const actor = requireActor(request);
      const scope = await scopeOf(request.query.placeId);
      if (!can(actor, 'roster.export', { type: 'place', path: scope.path })) throw forbidden();
      const { kind, format } = request.params;
      return sendFile(reply, await exportRoster(db, { accountId: actor.accountId, scope, kind, format }), format);
    },
  );

  app.post(
    '/roster/imports',
    { schema: { tags: ['roster'], consumes: ['multipart/form-data'], response: { 200: importReply } } },
    async (request) => {
      const actor = requireActor(request);
      const form = await readImportForm(request);
      const { placeId, kind, mode, file } = parseImportForm(form);
      const scope = await scopeOf(placeId);
      if (!can(actor, 'roster.import', { type: 'place', path: scope.path })) throw forbidden();
      const command = { accountId: actor.accountId, scope, kind, mode, ...file, today: todayInChina() };
      const outcome = await importRoster(db, command);
      const view = presentImport(outcome, localeFrom(request.headers['accept-language']));
      if (!outcome.isRefused) return view;
      throw new AppError(422, 'roster.file_invalid', { params: { count: outcome.problems.length }, details: view });
    },
  );
};

/** The form's fields through the zod schema (multipart bodies bypass route validation), then the file. */
function parseImportForm(form: ImportForm) {
  const parsed = importFields.safeParse(form.fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? 'form');
    throw invalid(field, form.fields[field] === undefined ? 'validation.required' : 'validation.wrong_type');
  }
  if (!form.file || form.file.buffer.length === 0) throw invalid('file', 'roster.file_missing');
  return { ...parsed.data, file: form.file };
}

function sendFile(reply: FastifyReply, file: RosterFile, format: SheetFormat) {
  return reply
    .header('content-type', contentTypes[format])
    .header('content-disposition', contentDisposition(file.fileName, file.asciiName))
    .header('cache-control', 'no-store')
    .send(file.body);
}
