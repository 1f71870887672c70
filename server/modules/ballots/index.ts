import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { ballotPaperRoutes } from './papers/papers.routes';
import { ballotProxyRoutes } from './proxies/proxies.routes';
import { ballotLiveRoutes } from './live/live.routes';
import { ballotSetupRoutes } from './setup/setup.routes';
import { ballotVoteRoutes } from './casting/votes.routes';
import { VoteWriter } from './casting/vote-writer';

export {
  castVote,
  validateChoice,
  type BallotChoice,
  type BallotRow,
  type CastInput,
  type CastResult,
} from './casting/cast';
export { closeBallot, requireClosedBallotOf } from './tally/close';
export { closeDueBallots } from './tally/close-due.job';
export { findBallot } from './ballots.repository';
export { closedBallotsOfMatter, describeResult } from './tally/report';
export { VoteWriter } from './casting/vote-writer';
export type { BallotResult } from '../../../contracts/ballots';

/** 票决 / 云票选 (issue 4): every ballot route, mounted under /api. Channel routes register here too. */
export const ballotsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  // Only `deps`: passing the options on whole would repeat the `/api` prefix.
  await app.register(ballotSetupRoutes, { deps });
  // One group-commit writer per app process; closing the app writes what it still holds.
  const writer = new VoteWriter(deps.db);
  app.addHook('onClose', () => writer.close());
  await app.register(ballotVoteRoutes, { deps, writer });
  await app.register(ballotLiveRoutes, { deps });
  await app.register(ballotProxyRoutes, { deps });
  await app.register(ballotPaperRoutes, { deps });
};
