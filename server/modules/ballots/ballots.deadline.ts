import { sql, type SQL } from 'drizzle-orm';
import { ballotLifecycle } from '../../../domain/voting';
import { isState } from '../../db/lifecycle-sql';
import { ballots } from '../../db/schema';

/**
 * SQL twin of the domain's isPastClose: an open ballot whose closing time has passed by `now` (the
 * deadline job's `now()`, or `clock_timestamp()` where a vote races the deadline).
 */
export const ballotPastCloseSql = (now: SQL | Date): SQL =>
  sql`(${isState(ballots.status, ballotLifecycle.state.open)} and ${ballots.closesAt} <= ${now})`;

/** The opposite side of the deadline: open and before its closing time, so it takes online votes. */
export const ballotTakesVotesSql = (now: SQL | Date): SQL =>
  sql`(${isState(ballots.status, ballotLifecycle.state.open)} and ${ballots.closesAt} > ${now})`;
