import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { ballotPaperRoutes } from './ballots.papers.routes';
import { ballotProxyRoutes } from './ballots.proxies.routes';
import { ballotSetupRoutes } from './ballots.routes';
import { ballotVoteRoutes } from './ballots.votes.routes';

export {
  castVote,
  validateChoice,
  type BallotChoice,
  type BallotRow,
  type CastInput,
  type CastResult,
} from './ballots.cast';
export { closeBallot } from './ballots.close';
export { findBallot } from './ballots.repository';
export type { BallotResult } from './ballots.schemas';

/** 票决 / 云票选 (issue 4): every ballot route, mounted under /api. Channel routes register here too. */
export const ballotsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, opts) => {
  await app.register(ballotSetupRoutes, opts);
  await app.register(ballotVoteRoutes, opts);
  await app.register(ballotProxyRoutes, opts);
  await app.register(ballotPaperRoutes, opts);
};
