import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { ballotPaperRoutes } from './ballots.papers.routes';
import { ballotProxyRoutes } from './ballots.proxies.routes';
import { ballotLiveRoutes } from './ballots.live';
import { ballotSetupRoutes } from './ballots.routes';
import { ballotVoteRoutes } from './ballots.votes.routes';
import { VoteWriter } from './vote-writer';

export {
  castVote,
  validateChoice,
  type BallotChoice,
  type BallotRow,
  type CastInput,
  type CastResult,
} from './ballots.cast';
export { closeBallot } from './ballots.close';
export { closeDueBallots } from './ballots.jobs';
export { findBallot } from './ballots.repository';
export { VoteWriter } from './vote-writer';
export type { BallotResult } from './ballots.schemas';

/** 票决 / 云票选 (issue 4): every ballot route, mounted under /api. Channel routes register here too. */
export const ballotsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, opts) => {
  await app.register(ballotSetupRoutes, opts);
  // One group-commit writer per app process; closing the app writes what it still holds.
  const writer = new VoteWriter(opts.deps.db);
  app.addHook('onClose', () => writer.close());
  await app.register(ballotVoteRoutes, { ...opts, writer });
  await app.register(ballotLiveRoutes, opts);
  await app.register(ballotProxyRoutes, opts);
  await app.register(ballotPaperRoutes, opts);
};
