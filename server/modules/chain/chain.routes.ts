import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { loadVisibleMatter } from '../matters';
import { AnchorKeySchema, ChainReportSchema } from '../../../contracts/chain';
import { MatterParamsSchema } from '../../../contracts/common';
import { reportMatterChain } from './chain-report.service';

/** 校验 of a matter's chain for those who may see the matter; the anchor key's public half for anyone. */
export const chainRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db, anchorKey } = deps;

  app.get(
    '/matters/:id/chain',
    { schema: { tags: ['matters'], params: MatterParamsSchema, response: { 200: ChainReportSchema } } },
    async (request) => {
      await loadVisibleMatter(db, requireActor(request), request.params.id);
      return reportMatterChain(db, anchorKey, request.params.id);
    },
  );

  app.get(
    '/public/anchor-key',
    { schema: { tags: ['public'], response: { 200: AnchorKeySchema } } },
    async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=3600').send({
        algorithm: 'Ed25519',
        keyId: anchorKey.keyId,
        publicKeyPem: anchorKey.publicKeyPem,
        /** How a published anchor is checked, for anyone who wants to do it themselves. */
        message: 'yishi.chain-anchor/1\\n{day}\\n{root}\\n{matterCount}',
        leaf: 'sha256("yishi.anchor-leaf/1|{matterId}|{length}|{head}")',
        node: 'sha256("yishi.anchor-node/1|{left}|{right}")',
      }),
  );
};
