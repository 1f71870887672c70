import diagnostics from 'node:diagnostics_channel';
import type { Db } from '../db/client';

/** Published after each commit that stored votes; `db` tells apps sharing one process apart. */
export type VotesWritten = { db: Db; votes: number };

/** Counted by the metrics plugin of the app whose `db` wrote them (server/plugins/metrics.ts). */
export const votesWrittenChannel = diagnostics.channel('yishi:votes-written');

/** Tells the metrics plugin that `votes` votes were committed through `db`. */
export function publishVotesWritten(db: Db, votes: number): void {
  if (votes > 0 && votesWrittenChannel.hasSubscribers)
    votesWrittenChannel.publish({ db, votes } satisfies VotesWritten);
}
