import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import type { MatterSignal } from '../../plugins/live';
import { requireActor } from '../../plugins/session';
import { loadVisibleMatter } from './matter-command';
import { MatterParamsSchema } from '../../../contracts/common';

const HEARTBEAT_MS = 25_000;

/**
 * Server-sent events for one matter page: an event whenever the matter's chain grows, whichever app
 * process made the change. The page refetches what it shows; events carry no personal data.
 */
export const matterLiveRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const open = new Set<() => void>();
  // Before the server stops accepting: open streams would otherwise hold app.close() forever.
  app.addHook('preClose', async () => {
    for (const close of open) close();
  });
  app.get(
    '/matters/:id/events',
    { schema: { tags: ['matters'], params: MatterParamsSchema } },
    async (request, reply) => {
      const { matter } = await loadVisibleMatter(deps.db, requireActor(request), request.params.id);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.write(`retry: 3000\nevent: ready\ndata: {"matterId":${matter.id}}\n\n`);
      const onSignal = (signal: MatterSignal) => {
        if (signal.matterId !== matter.id) return;
        raw.write(`event: matter\ndata: ${JSON.stringify({ seq: signal.seq, action: signal.action })}\n\n`);
      };
      app.matterSignals.on('signal', onSignal);
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const close = () => {
        if (!open.delete(close)) return;
        clearInterval(heartbeat);
        app.matterSignals.off('signal', onSignal);
        raw.end();
      };
      open.add(close);
      request.raw.on('close', close);
    },
  );
};
