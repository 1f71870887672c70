import type { Db } from '../../../db/client';
import { publishVotesWritten } from '../../../plugins/metrics-events';
import { castFirstVotes } from './cast-batch';
import { castVote, storeVoteReplies, type CastResult } from './cast';
import { isDatabaseUnavailable, sqlStateOf } from '../../../plugins/db-errors';
import { rollbackToVoteSavepoint, setVoteSavepoint } from './casting.repository';
import { signalBallot } from '../../../plugins/live';

export type CastInput = Parameters<typeof castVote>[1];
export type CastOutcome = Awaited<ReturnType<typeof castVote>>;

export type VoteWriterOptions = {
  /** How long the first vote of a batch waits for company before the batch is written. */
  maxWaitMs?: number;
  /** A batch is written at once when it reaches this many votes. */
  maxBatch?: number;
  /** Batches being written at the same time (each holds one pooled connection). */
  maxInFlight?: number;
};

type Pending = {
  input: CastInput;
  resolve: (outcome: CastOutcome) => void;
  reject: (error: unknown) => void;
};

/** What the writer has done since it started: tests and benchmarks read it. */
export type VoteWriterStats = {
  batches: number;
  votes: number;
  /** Of `votes`, those written by the set-based path (first votes, one statement per batch). */
  firstVotes: number;
  refused: number;
  failedBatches: number;
};

/**
 * Group commit for votes: concurrent cast requests are collected for a few milliseconds (or until
 * `maxBatch`, or while the batches in flight are written) and written together. The first votes on
 * open ballots, the common case, go set-wise in ONE statement that commits on its own
 * (castFirstVotes); anything else (refusals, replacements, a batch with a keyed vote) in one
 * transaction, by castVote inside its own SAVEPOINT so a refused vote rolls back only itself. Every
 * promise settles only after COMMIT: a vote is acknowledged only once it is durable, and a failed
 * commit rejects its votes (nothing acknowledged is lost). One NOTIFY per ballot written (delivered
 * at commit) tells every app process that turnout changed.
 */
export class VoteWriter {
  readonly stats: VoteWriterStats = { batches: 0, votes: 0, firstVotes: 0, refused: 0, failedBatches: 0 };
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight = new Set<Promise<void>>();
  private isClosed = false;
  private readonly maxWaitMs: number;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;

  constructor(
    private readonly db: Db,
    options: VoteWriterOptions = {},
  ) {
    this.maxWaitMs = options.maxWaitMs ?? 3;
    this.maxBatch = options.maxBatch ?? 64;
    this.maxInFlight = options.maxInFlight ?? 2;
  }

  /** Casts one vote in the next shared commit; resolves after COMMIT, rejects with this vote's own error. */
  cast(input: CastInput): Promise<CastOutcome> {
    if (this.isClosed) return castAlone(this.db, input);
    return new Promise<CastOutcome>((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (this.queue.length >= this.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.maxWaitMs);
    });
  }

  /** Writes what is queued and waits for every batch in flight; later casts commit one by one. */
  async close(): Promise<void> {
    this.isClosed = true;
    while (this.queue.length > 0 || this.inFlight.size > 0) {
      this.flush();
      await Promise.allSettled([...this.inFlight]);
    }
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.queue.length > 0 && this.inFlight.size < this.maxInFlight) {
      // The whole queue in one batch (up to maxBatch), not shared out over the free slots: first votes
      // are one statement whatever their number, so one batch of 12 costs PostgreSQL far less than
      // four of 3, and the votes arriving meanwhile make the next batch.
      const batch = this.queue.splice(0, this.maxBatch);
      const writing = this.write(batch).finally(() => {
        this.inFlight.delete(writing);
        // Votes that arrived while every slot was busy form the next batch straight away.
        if (this.queue.length > 0) this.flush();
      });
      this.inFlight.add(writing);
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    // One order for every batch: concurrent batches then wait on each other's unique-index entries
    // in the same order and never deadlock.
    const ordered = [...batch].sort(
      (a, b) => a.input.ballot.id - b.input.ballot.id || a.input.electorId - b.input.electorId,
    );
    this.stats.batches += 1;
    // A keyed vote stores its reply in its vote's commit (storeVoteReplies): such a batch keeps the
    // explicit transaction.
    if (ordered.some((p) => p.input.idempotency)) return this.writeInTransaction(ordered, true);
    let first: (CastResult | undefined)[];
    try {
      // The batch's first votes in ONE statement on its own, committed as it returns: one round trip
      // instead of three (BEGIN, the statement, COMMIT).
      first = await castFirstVotes(
        this.db,
        ordered.map((p) => p.input),
      );
    } catch (error) {
      // PostgreSQL refused the statement, so it stored nothing: every vote again by the per-vote path,
      // each with its own answer. Any other failure (the connection lost) leaves its fate unknown:
      // nothing is acknowledged, as when a commit fails.
      if (sqlStateOf(error) !== undefined && !isDatabaseUnavailable(error)) {
        return this.writeInTransaction(ordered, false);
      }
      return this.fail(ordered, error);
    }
    const rest = ordered.filter((_, i) => !first[i]);
    const written = ordered.length - rest.length;
    this.stats.firstVotes += written;
    this.stats.votes += written;
    if (written > 0) publishVotesWritten(this.db, written);
    ordered.forEach((pending, i) => {
      const done = first[i];
      if (done) pending.resolve(done);
    });
    // Refusals, replacements and an elector's second vote in the batch: vote by vote, in one commit.
    if (rest.length > 0) await this.writeInTransaction(rest, false);
  }

  /**
   * The batch in one transaction: first votes set-wise when `setBased` (keyed votes, whose replies
   * are stored in the same commit), everything else by castVote in its own SAVEPOINT so a refused vote
   * rolls back only itself. Every promise settles only after COMMIT.
   */
  private async writeInTransaction(ordered: Pending[], setBased: boolean): Promise<void> {
    let firstVotes = 0;
    let setBasedFailed = false;
    const settled: ({ ok: true; value: CastOutcome } | { ok: false; error: unknown })[] = [];
    try {
      await this.db.transaction(async (tx) => {
        const touched = new Set<number>();
        // First votes of open ballots: one statement for the whole batch, which also signals the
        // ballots it wrote (casting/cast-batch.ts).
        const first = setBased
          ? await castFirstVotes(
              tx,
              ordered.map((p) => p.input),
            ).catch((error: unknown) => {
              setBasedFailed = true;
              throw error;
            })
          : ordered.map(() => undefined);
        firstVotes = first.filter(Boolean).length;
        const signalled = new Set(ordered.filter((_, i) => first[i]).map((p) => p.input.ballot.id));
        let savepoint = false;
        for (const [i, pending] of ordered.entries()) {
          const done = first[i];
          if (done) {
            settled.push({ ok: true, value: done });
            touched.add(pending.input.ballot.id);
            continue;
          }
          // The rest one by one, each in its own SAVEPOINT: a refused vote rolls back only itself.
          // Releasing the previous savepoint and setting the next go in one round trip (simple
          // protocol, no parameters); COMMIT releases the last.
          await setVoteSavepoint(tx, savepoint);
          savepoint = true;
          try {
            settled.push({ ok: true, value: await castVote(tx, pending.input) });
            touched.add(pending.input.ballot.id);
          } catch (error) {
            await rollbackToVoteSavepoint(tx);
            settled.push({ ok: false, error });
          }
        }
        for (const ballotId of touched) if (!signalled.has(ballotId)) await signalBallot(tx, ballotId, 'turnout');
        await storeVoteReplies(
          tx,
          ordered.flatMap((pending, i) => {
            const outcome = settled[i]!;
            return outcome.ok ? [{ input: pending.input, result: outcome.value }] : [];
          }),
        );
      });
    } catch (error) {
      // The set statement failed (its transaction is gone, nothing acknowledged): the same batch
      // again, every vote by the per-vote path, so each gets its own answer.
      if (setBasedFailed) return this.writeInTransaction(ordered, false);
      // The commit itself failed: no vote of this batch is stored, so none is acknowledged.
      return this.fail(ordered, error);
    }
    this.stats.firstVotes += firstVotes;
    publishVotesWritten(this.db, settled.filter((outcome) => outcome.ok).length);
    ordered.forEach((pending, i) => {
      const outcome = settled[i]!;
      if (outcome.ok) {
        this.stats.votes += 1;
        pending.resolve(outcome.value);
      } else {
        this.stats.refused += 1;
        pending.reject(outcome.error);
      }
    });
  }

  private fail(ordered: Pending[], error: unknown): void {
    this.stats.failedBatches += 1;
    for (const pending of ordered) pending.reject(error);
  }
}

/** After close (the app is stopping): a straggler still gets a durable vote of its own. */
async function castAlone(db: Db, input: CastInput): Promise<CastOutcome> {
  const outcome = await db.transaction(async (tx) => {
    const cast = await castVote(tx, input);
    await signalBallot(tx, input.ballot.id, 'turnout');
    await storeVoteReplies(tx, [{ input, result: cast }]);
    return cast;
  });
  publishVotesWritten(db, 1);
  return outcome;
}
