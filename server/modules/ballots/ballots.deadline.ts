/**
 * The deadline's SQL twins (isPastClose and its opposite) live in ballots.repository.ts; re-exported
 * here under their old path for casting and tally.
 */
export { ballotPastCloseSql, ballotTakesVotesSql } from './ballots.repository';
