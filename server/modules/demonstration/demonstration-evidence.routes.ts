import path from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { LocalFolderStorage } from '../../storage';
import { readPhotoForm, uploadedPhotos } from '../matters';
import {
  ApplicationParamsSchema,
  ApplicationViewSchema,
  EvidenceFileParamsSchema,
  EvidenceUploadBodySchema,
  FileParamsSchema,
} from '../../../contracts/demonstration';
import { readApplication } from './demonstration-read.service';
import { addEvidenceFiles, readEvidenceFile, removeEvidenceFile } from './demonstration-evidence.service';

const tags = ['demonstration'];
const readEvidenceForm = readPhotoForm((fields) => ({ criterionKey: fields.criterionKey }));

/** Evidence photos and scans of an application: upload and remove while editable, read with the application. */
export const demonstrationEvidenceRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const storage = new LocalFolderStorage(path.join(deps.config.dataDir, 'files'));

  app.post(
    '/demonstration/applications/:id/evidence-files',
    {
      schema: {
        tags,
        params: ApplicationParamsSchema,
        body: EvidenceUploadBodySchema,
        response: { 201: ApplicationViewSchema },
      },
      preValidation: readEvidenceForm,
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { id } = request.params;
      await addEvidenceFiles(db, storage, actor, id, request.body.criterionKey, uploadedPhotos(request));
      return reply.status(201).send(await readApplication(db, actor, id));
    },
  );

  app.delete(
    '/demonstration/applications/:id/evidence-files/:fileId',
    { schema: { tags, params: EvidenceFileParamsSchema, response: { 200: ApplicationViewSchema } } },
    async (request) => {
      const actor = requireActor(request);
      await removeEvidenceFile(db, actor, request.params.id, request.params.fileId);
      return readApplication(db, actor, request.params.id);
    },
  );

  app.get(
    '/demonstration/evidence-files/:id',
    { schema: { tags, params: FileParamsSchema } },
    async (request, reply) => {
      const file = await readEvidenceFile(db, storage, requireActor(request), request.params.id);
      return reply
        .header('content-type', file.contentType)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=3600')
        .send(file.bytes);
    },
  );
};
