import path from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { LocalFolderStorage } from '../../storage';
import { readPhotoForm, uploadedPhotos } from '../matters';
import { ReplyCache } from './showcase.cache';
import { openDataChunks, openMatters, openResults } from './showcase.open-data';
import {
  IdParamsSchema,
  NoticeBoardSchema,
  OpenDataParamsSchema,
  OpenDataSchema,
  ShowcaseExtrasSchema,
  ShowcasePageSchema,
  ShowcasePhotoBodySchema,
  ShowcasePhotoListSchema,
  ShowcasePhotoParamsSchema,
  ShowcasePhotoRemovedSchema,
  ShowcasePhotosReplySchema,
  ShowcasePlacesSchema,
  ShowcaseQuerySchema,
} from '../../../contracts/showcase';
import { addShowcasePhotos, listShowcasePhotos, removeShowcasePhoto } from './showcase-photos.service';
import {
  readNoticeBoard,
  readShowcase,
  readShowcaseExtras,
  readShowcaseFile,
  readShowcasePlaces,
} from './showcase.service';

const tags = ['public'];
/** Like the public matter page: nothing personal, shared caches may keep it a minute. */
const CACHE = 'public, max-age=60';
/** Open data is a daily-ish download; five minutes spares the database. */
const OPEN_DATA_CACHE = 'public, max-age=300';

const readShowcasePhotoForm = readPhotoForm((fields) => ({ purpose: fields.purpose }));

/** 成果展示, 公示栏 and 开放数据: public, no-login reads; plus the staff upload of before/after photos. */
export const showcaseRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  // Public reads tolerate a few seconds of lag: the read replica when one is set (AppDeps.readDb).
  const { db, readDb } = deps;
  const storage = new LocalFolderStorage(path.join(deps.config.dataDir, 'files'));

  // Ten seconds: a new public matter shows within that, well inside the minute shared caches may add.
  const lists = new ReplyCache<Awaited<ReturnType<typeof readShowcase>>>(10_000);
  app.get(
    '/public/showcase',
    { schema: { tags, querystring: ShowcaseQuerySchema, response: { 200: ShowcasePageSchema } } },
    async (request, reply) => {
      const q = request.query;
      const key = [q.placeId ?? '', q.category ?? '', q.governance ?? '', q.page, q.pageSize].join('|');
      return reply.header('cache-control', CACHE).send(await lists.get(key, () => readShowcase(readDb, q)));
    },
  );

  app.get(
    '/public/showcase/places',
    { schema: { tags, response: { 200: ShowcasePlacesSchema } } },
    async (_request, reply) => reply.header('cache-control', CACHE).send({ places: await readShowcasePlaces(readDb) }),
  );

  app.get(
    '/public/showcase/matters/:id',
    { schema: { tags, params: IdParamsSchema, response: { 200: ShowcaseExtrasSchema } } },
    async (request, reply) =>
      reply.header('cache-control', CACHE).send(await readShowcaseExtras(readDb, request.params.id)),
  );

  app.get(
    '/public/places/:id/notices',
    { schema: { tags, params: IdParamsSchema, response: { 200: NoticeBoardSchema } } },
    async (request, reply) =>
      reply.header('cache-control', CACHE).send(await readNoticeBoard(readDb, request.params.id)),
  );

  app.get('/public/matter-files/:id', { schema: { tags, params: IdParamsSchema } }, async (request, reply) => {
    const file = await readShowcaseFile(readDb, storage, request.params.id);
    return reply
      .header('content-type', file.contentType)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'public, max-age=86400')
      .send(file.bytes);
  });

  // Streamed a batch at a time: memory stays bounded whatever the number of public matters.
  app.get(
    '/public/open-data/:name',
    // The JSON variant's shape; the CSV variant has the same columns. Both are streamed past the serializer.
    { schema: { tags, params: OpenDataParamsSchema, response: { 200: OpenDataSchema } } },
    async (request, typedReply) => {
      // A stream is sent as it is, never through the serializer: the writer keeps to the columns itself.
      const reply: FastifyReply = typedReply;
      const [set, format] = request.params.name.split('.') as ['matters' | 'results', 'csv' | 'json'];
      const chunks = await openDataChunks(set, format, set === 'matters' ? openMatters(readDb) : openResults(readDb));
      reply.header('cache-control', OPEN_DATA_CACHE);
      if (format === 'json') return reply.type('application/json; charset=utf-8').send(Readable.from(chunks));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="yishi-${set}.csv"`)
        .send(Readable.from(chunks));
    },
  );

  app.post(
    '/matters/:id/showcase-photos',
    {
      // multipart/form-data: `purpose` (before | after) and the photo file(s).
      schema: {
        tags: ['showcase'],
        params: IdParamsSchema,
        body: ShowcasePhotoBodySchema,
        response: { 201: ShowcasePhotosReplySchema },
      },
      preValidation: readShowcasePhotoForm,
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const result = await addShowcasePhotos(
        db,
        storage,
        actor,
        request.params.id,
        request.body.purpose,
        uploadedPhotos(request),
      );
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/matters/:id/showcase-photos',
    { schema: { tags: ['showcase'], params: IdParamsSchema, response: { 200: ShowcasePhotoListSchema } } },
    async (request) => listShowcasePhotos(db, requireActor(request), request.params.id),
  );

  app.delete(
    '/matters/:id/showcase-photos/:fileId',
    {
      schema: { tags: ['showcase'], params: ShowcasePhotoParamsSchema, response: { 200: ShowcasePhotoRemovedSchema } },
    },
    async (request) => removeShowcasePhoto(db, requireActor(request), request.params.id, request.params.fileId),
  );
};
