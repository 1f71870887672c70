import { defineLifecycle } from '../lifecycle';

/**
 * A ballot's states as one table: draft → open → (counting →) closed. Counting (计票中) follows the
 * closing time when paper ballots are in use: no new online, proxy or assisted votes, but papers
 * received before the deadline are still entered twice and reconciled until staff close the count.
 */
export const ballotStatuses = ['draft', 'open', 'counting', 'closed'] as const;
export type BallotStatus = (typeof ballotStatuses)[number];

export const ballotLifecycle = defineLifecycle({
  states: ballotStatuses,
  initial: 'draft',
  transitions: {
    open: { from: ['draft'], to: 'open' },
    /** At the closing time, when papers are in use (statusAfterDeadline). */
    startCounting: { from: ['open'], to: 'counting' },
    close: { from: ['open', 'counting'], to: 'closed' },
  },
});
export type BallotCommand = keyof typeof ballotLifecycle.transitions;

export type BallotStatusCapabilities = {
  /** Online, proxy and assisted votes (and proxies registered). */
  takesVotes: boolean;
  /** Paper entries and their reconciliation. */
  takesPapers: boolean;
  /** The stored result is readable. */
  hasResult: boolean;
};

export const ballotStatusCapabilities: Record<BallotStatus, BallotStatusCapabilities> = {
  draft: { takesVotes: false, takesPapers: false, hasResult: false },
  open: { takesVotes: true, takesPapers: true, hasResult: false },
  counting: { takesVotes: false, takesPapers: true, hasResult: false },
  closed: { takesVotes: false, takesPapers: false, hasResult: true },
};

/** Whether a ballot in this state may be closed (tallied): open early, or counting once papers settle. */
export const isClosableBallot = ballotLifecycle.anyOf(ballotLifecycle.transitions.close.from);

/** Past its closing time (counting or closed): no more votes, except papers while counting. */
export const isBallotOver = ballotLifecycle.anyOf(['counting', 'closed']);

/** Open or counting: paper entries and their reconciliation are taken. */
export const isTakingPapers = ballotLifecycle.anyOf(
  ballotStatuses.filter((s) => ballotStatusCapabilities[s].takesPapers),
);

/** The state a ballot leaves `open` for at its closing time: counting when papers are in use. */
export const statusAfterDeadline = (ballot: { usesPapers: boolean }): BallotStatus =>
  ballot.usesPapers ? 'counting' : 'closed';

/**
 * An open ballot whose closing time has passed, whether or not the deadline job has run: the one
 * definition of "due"; SQL asks the same through ballotPastCloseSql in the ballots repository.
 */
export function isPastClose(ballot: { status: BallotStatus; closesAt: Date }, now = new Date()): boolean {
  return ballotLifecycle.is.open(ballot.status) && ballot.closesAt.getTime() <= now.getTime();
}

/**
 * The status as readers should see it: an open ballot whose closing time has passed is already
 * counting (papers in use) or closed, whether or not the deadline job has run yet.
 */
export function effectiveBallotStatus(
  ballot: { status: BallotStatus; closesAt: Date; usesPapers: boolean },
  now = new Date(),
): BallotStatus {
  return isPastClose(ballot, now) ? statusAfterDeadline(ballot) : ballot.status;
}
