import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { loadVisibleMatter } from './matter-command';
import {
  acceptBody,
  declineBody,
  escalateBody,
  formatBody,
  listQuery,
  matterParams,
  mergeBody,
  raiseBody,
  referBody,
  similarQuery,
} from './matters.schemas';
import {
  acceptMatter,
  createFormat,
  declineMatter,
  escalateMatter,
  findSimilarMatters,
  listFormats,
  mergeMatter,
  raiseMatter,
  referMatter,
  supportMatter,
} from './matters.service';
import { listMatters, presentMatter, readMatterPage } from './matters.queries';
import { verifyMatterChain } from './audit';

const tags = ['matters'];

export const matterRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.post('/matters', { schema: { tags, body: raiseBody } }, async (request, reply) => {
    const matter = await raiseMatter(db, requireActor(request), request.body);
    return reply.status(201).send(presentMatter(matter, false));
  });

  app.get('/matters/similar', { schema: { tags, querystring: similarQuery } }, async (request) => ({
    items: await findSimilarMatters(db, requireActor(request), request.query.placeId, request.query.title),
  }));

  app.get('/matters', { schema: { tags, querystring: listQuery } }, async (request) =>
    listMatters(db, requireActor(request), request.query),
  );

  app.get('/matters/:id', { schema: { tags, params: matterParams } }, async (request) =>
    readMatterPage(db, requireActor(request), request.params.id),
  );

  app.get('/matters/:id/chain', { schema: { tags, params: matterParams } }, async (request) => {
    await loadVisibleMatter(db, requireActor(request), request.params.id);
    return verifyMatterChain(db, request.params.id);
  });

  app.post('/matters/:id/supports', { schema: { tags, params: matterParams } }, async (request) =>
    supportMatter(db, requireActor(request), request.params.id),
  );

  app.post('/matters/:id/accept', { schema: { tags, params: matterParams, body: acceptBody } }, async (request) =>
    acceptMatter(db, requireActor(request), request.params.id, request.body),
  );
  app.post('/matters/:id/decline', { schema: { tags, params: matterParams, body: declineBody } }, async (request) =>
    declineMatter(db, requireActor(request), request.params.id, request.body.reason),
  );
  app.post('/matters/:id/merge', { schema: { tags, params: matterParams, body: mergeBody } }, async (request) =>
    mergeMatter(db, requireActor(request), request.params.id, request.body.intoMatterId),
  );
  app.post('/matters/:id/refer', { schema: { tags, params: matterParams, body: referBody } }, async (request) =>
    referMatter(db, requireActor(request), request.params.id, request.body),
  );
  app.post('/matters/:id/escalate', { schema: { tags, params: matterParams, body: escalateBody } }, async (request) =>
    escalateMatter(db, requireActor(request), request.params.id, request.body.reason),
  );

  app.get('/places/:id/formats', { schema: { tags, params: matterParams } }, async (request) => ({
    items: (await listFormats(db, requireActor(request), request.params.id)).map((f) => ({
      id: f.id,
      name: f.name,
      description: f.description,
      inviteeRule: f.inviteeRule,
      isBuiltIn: f.isBuiltIn,
    })),
  }));
  app.post(
    '/places/:id/formats',
    { schema: { tags, params: matterParams, body: formatBody } },
    async (request, reply) => {
      const row = await createFormat(db, requireActor(request), request.params.id, request.body);
      return reply.status(201).send({
        id: row.id,
        name: row.name,
        description: row.description,
        inviteeRule: row.inviteeRule,
        isBuiltIn: row.isBuiltIn,
      });
    },
  );
};
