import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import {
  FormatBodySchema,
  FormatListReplySchema,
  FormatParamsSchema,
  MatterFormatSchema,
} from '../../../contracts/matters';
import { PlaceParamsSchema } from '../../../contracts/common';
import { createFormat, editFormat, listFormats } from './formats.service';

const tags = ['matters'];

/** 协商形式: a community's formats, their defaults, and the officers' list and form. */
export const formatRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  app.get(
    '/places/:id/formats',
    { schema: { tags, params: PlaceParamsSchema, response: { 200: FormatListReplySchema } } },
    async (request) => listFormats(db, requireActor(request), request.params.id),
  );
  app.post(
    '/places/:id/formats',
    { schema: { tags, params: PlaceParamsSchema, body: FormatBodySchema, response: { 201: MatterFormatSchema } } },
    async (request, reply) =>
      reply.status(201).send(await createFormat(db, requireActor(request), request.params.id, request.body)),
  );
  app.put(
    '/formats/:id',
    { schema: { tags, params: FormatParamsSchema, body: FormatBodySchema, response: { 200: MatterFormatSchema } } },
    async (request) => editFormat(db, requireActor(request), request.params.id, request.body),
  );
};
