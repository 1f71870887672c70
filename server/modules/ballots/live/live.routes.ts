import { areaFromHundredths } from '../../../../domain/territory/dwellings';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BallotParamsSchema, type Turnout } from '../../../../contracts/ballots';
import type { Db, DbOrTx } from '../../../db/client';
import type { AppDeps } from '../../../deps';
import type { BallotSignal } from '../../../plugins/live';
import { requireActor } from '../../../plugins/session';
import { loadBallot } from '../ballots.access';
import { ballotLifecycle } from '../../../../domain/voting';
import { effectiveStatus } from '../ballots.presenter';
import { ballotTurnout } from '../ballots.repository';

const HEARTBEAT_MS = 25_000;
/** At most one turnout count per ballot per this interval and app process, however fast votes arrive. */
const TURNOUT_THROTTLE_MS = 250;

/** The `turnout` event: counts only (never choices), as BallotView.turnout. */
export async function liveTurnout(db: DbOrTx, ballotId: number): Promise<Turnout> {
  const t = await ballotTurnout(db, ballotId);
  return {
    heads: { voted: t.votedHeads, total: t.heads },
    area: { voted: areaFromHundredths(t.votedArea), total: areaFromHundredths(t.area) },
    households: { voted: t.votedHouseholds, total: t.households },
  };
}

type Stream = { send: (event: string, data: unknown) => void; end: () => void };

/**
 * Keeps, per ballot watched in this process, the open streams and a throttled turnout count: a
 * burst of committed batches costs one count query per interval, not one per vote or per viewer.
 */
function ballotWatchers(db: Db) {
  const watched = new Map<number, { streams: Set<Stream>; timer?: NodeJS.Timeout; isDirty: boolean }>();
  const refresh = async (ballotId: number) => {
    const entry = watched.get(ballotId);
    if (!entry) return;
    entry.isDirty = false;
    const turnout = await liveTurnout(db, ballotId).catch(() => undefined);
    if (turnout) for (const stream of entry.streams) stream.send('turnout', turnout);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      if (entry.isDirty) void refresh(ballotId);
    }, TURNOUT_THROTTLE_MS);
  };
  return {
    add(ballotId: number, stream: Stream) {
      const entry = watched.get(ballotId) ?? { streams: new Set<Stream>(), isDirty: false };
      entry.streams.add(stream);
      watched.set(ballotId, entry);
    },
    remove(ballotId: number, stream: Stream) {
      const entry = watched.get(ballotId);
      if (!entry) return;
      entry.streams.delete(stream);
      if (entry.streams.size > 0) return;
      clearTimeout(entry.timer);
      watched.delete(ballotId);
    },
    onSignal(signal: BallotSignal) {
      const entry = watched.get(signal.ballotId);
      if (!entry) return;
      if (signal.kind === 'closed') {
        for (const stream of [...entry.streams]) {
          stream.send('closed', { ballotId: signal.ballotId });
          stream.end();
        }
        return;
      }
      // Counting: online voting has ended, papers still move the turnout; pages reload their state.
      if (signal.kind === 'counting')
        for (const stream of entry.streams) stream.send('counting', { ballotId: signal.ballotId });
      entry.isDirty = true;
      if (!entry.timer) void refresh(signal.ballotId);
    },
    closeAll() {
      for (const entry of watched.values()) for (const stream of [...entry.streams]) stream.end();
    },
  };
}

/**
 * GET /api/ballots/:id/events: server-sent `turnout` (counts only) after each committed batch of
 * votes, whichever app process wrote it, `counting` when online voting ends and papers are still being
 * counted, and `closed` when the ballot closes (then the stream ends).
 */
export const ballotLiveRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const watchers = ballotWatchers(deps.db);
  const onSignal = (signal: BallotSignal) => watchers.onSignal(signal);
  app.ballotSignals.on('signal', onSignal);
  // Before the server stops accepting: open streams would otherwise hold app.close() forever.
  app.addHook('preClose', async () => {
    app.ballotSignals.off('signal', onSignal);
    watchers.closeAll();
  });
  app.get(
    '/ballots/:id/events',
    { schema: { tags: ['ballots'], params: BallotParamsSchema } },
    async (request, reply) => {
      const { ballot } = await loadBallot(deps.db, requireActor(request), request.params.id);
      // Nothing more will happen: 204 also stops EventSource reconnecting after the `closed` event.
      if (ballotLifecycle.is.closed(effectiveStatus(ballot))) return reply.code(204).send();
      const turnout = await liveTurnout(deps.db, ballot.id);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      let isOpen = true;
      const send = (event: string, data: unknown) => {
        if (isOpen) raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      raw.write('retry: 3000\n\n');
      send('ready', { ballotId: ballot.id });
      send('turnout', turnout);
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const stream: Stream = {
        send,
        end: () => {
          if (!isOpen) return;
          isOpen = false;
          clearInterval(heartbeat);
          watchers.remove(ballot.id, stream);
          raw.end();
        },
      };
      watchers.add(ballot.id, stream);
      request.raw.on('close', stream.end);
    },
  );
};
