import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import path from 'node:path';
import { ArchivedReplySchema, MatterFileSchema } from '../../../contracts/archive';
import { MatterParamsSchema } from '../../../contracts/common';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { LocalFolderStorage } from '../../storage';
import { archiveMatter, exportDocx, exportJson } from './archive.service';

const tags = ['archive'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** 一事一档: seal a matter, and download its file as .docx (Chinese dossier) or .json (with the chain). */
export const archiveRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db, anchorKey } = deps;
  const storage = new LocalFolderStorage(path.join(deps.config.dataDir, 'files'));

  app.post(
    '/matters/:id/archive',
    { schema: { tags, params: MatterParamsSchema, response: { 200: ArchivedReplySchema } } },
    async (request) => archiveMatter(db, requireActor(request), request.params.id),
  );

  app.get('/matters/:id/file.docx', { schema: { tags, params: MatterParamsSchema } }, async (request, reply) => {
    const file = await exportDocx(db, storage, anchorKey, requireActor(request), request.params.id);
    return reply
      .header('content-type', DOCX)
      .header('content-disposition', `attachment; filename="matter-${request.params.id}.docx"`)
      .header('cache-control', 'no-store')
      .send(file);
  });

  app.get(
    '/matters/:id/file.json',
    { schema: { tags, params: MatterParamsSchema, response: { 200: MatterFileSchema } } },
    async (request, reply) => {
      const file = await exportJson(db, anchorKey, requireActor(request), request.params.id);
      return reply
        .header('content-disposition', `attachment; filename="matter-${request.params.id}.json"`)
        .header('cache-control', 'no-store')
        .send(file);
    },
  );
};
