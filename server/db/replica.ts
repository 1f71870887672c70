import { sql } from 'drizzle-orm';
import type { Db } from './client';

/**
 * Where the replica stands: `ok` (reads go to it), `lagging` (further behind than the bound, or not yet
 * known to be within it), `unreachable`, `not_standby` (the server answers but is no hot standby: a
 * promoted or misconfigured server is never read in place of the primary), `starting` (not checked yet).
 */
export type ReplicaState = 'ok' | 'lagging' | 'unreachable' | 'not_standby' | 'starting';

export type ReplicaStatus = {
  state: ReplicaState;
  /** Seconds the replica may be behind the primary at most (null: unknown). */
  lagSeconds: number | null;
  /** Where reads that tolerate lag go right now. */
  readsFrom: 'replica' | 'primary';
  isPrimaryReachable: boolean;
};

/** What /api/ready and /metrics read of the replica. */
export interface ReplicaProbe {
  status(): ReplicaStatus;
}

/** One check's queries give up after this long: a hanging server counts as unreachable. */
const CHECK_TIMEOUT_MS = 1000;
/** Checks run this often; the lag is known to within about this much. */
export const REPLICA_CHECK_EVERY_MS = 1000;
/** Primary positions kept (one per check): far more than any sensible lag bound needs. */
const MAX_SAMPLES = 3600;

/** A WAL position (`16/B374D848`) as a number of bytes. */
export function lsnBytes(lsn: string): bigint {
  const [high = '0', low = '0'] = lsn.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('replica check timed out')), ms);
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function primaryPosition(db: Db): Promise<bigint> {
  const { rows } = await db.execute<{ lsn: string }>(sql`select pg_current_wal_lsn()::text as lsn`);
  return lsnBytes(rows[0]!.lsn);
}

type StandbyPosition = {
  isStandby: boolean;
  replayLsn: string | null;
  receiveLsn: string | null;
  sinceReplay: number | null;
};

async function standbyPosition(db: Db): Promise<StandbyPosition> {
  const { rows } = await db.execute<StandbyPosition>(sql`
    select pg_is_in_recovery() as "isStandby",
           pg_last_wal_replay_lsn()::text as "replayLsn",
           pg_last_wal_receive_lsn()::text as "receiveLsn",
           extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 as "sinceReplay"`);
  return rows[0]!;
}

/**
 * Sends reads that tolerate a little lag to a streaming replica while it is within `maxLagMs` of the
 * primary, and to the primary otherwise; `readDb` is that choice, made afresh at each use.
 *
 * The lag is measured without writing anything: each check notes the primary's WAL position with the
 * time, then reads how far the replica has replayed. The replica holds everything the primary had at
 * the newest noted time whose position it has replayed, so it is at most `now − that time` behind —
 * an idle primary reads as no lag (unlike `now() − pg_last_xact_replay_timestamp()`). With the primary
 * unreachable the replica is all there is: reads stay on it, at the lag it reports itself.
 */
export class ReadRouter implements ReplicaProbe {
  /** The handle for lag-tolerant reads: the replica's or the primary's, whichever the last check chose. */
  readonly readDb: Db;
  private current: ReplicaStatus = {
    state: 'starting',
    lagSeconds: null,
    readsFrom: 'primary',
    isPrimaryReachable: true,
  };
  private samples: { at: number; lsn: bigint }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<ReplicaStatus> | undefined;

  constructor(
    private readonly primary: Db,
    private readonly replica: Db,
    private readonly opts: { maxLagMs: number; onChange?: (status: ReplicaStatus, before: ReplicaStatus) => void },
  ) {
    // Each property read picks the handle anew, so a query built after a switch goes to the new one.
    this.readDb = new Proxy(primary, {
      get: (_target, property) => {
        const target = this.current.readsFrom === 'replica' ? this.replica : this.primary;
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  status(): ReplicaStatus {
    return this.current;
  }

  /** Checks now and then every second until `stop()`. */
  start(): Promise<ReplicaStatus> {
    this.timer = setInterval(() => void this.check(), REPLICA_CHECK_EVERY_MS);
    this.timer.unref();
    return this.check();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** One check (a check already running is shared); updates where reads go. */
  check(): Promise<ReplicaStatus> {
    this.inFlight ??= this.measure().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async measure(): Promise<ReplicaStatus> {
    const at = Date.now();
    const primaryLsn = await withTimeout(primaryPosition(this.primary), CHECK_TIMEOUT_MS).catch(() => undefined);
    const isPrimaryReachable = primaryLsn !== undefined;
    if (primaryLsn !== undefined) {
      this.samples.push({ at, lsn: primaryLsn });
      if (this.samples.length > MAX_SAMPLES) this.samples.shift();
    }
    const standby = await withTimeout(standbyPosition(this.replica), CHECK_TIMEOUT_MS).catch(() => undefined);
    const status = this.judge(standby, isPrimaryReachable);
    const before = this.current;
    this.current = status;
    if (before.state !== status.state || before.readsFrom !== status.readsFrom) this.opts.onChange?.(status, before);
    return status;
  }

  private judge(standby: StandbyPosition | undefined, isPrimaryReachable: boolean): ReplicaStatus {
    const onPrimary = (state: ReplicaState, lagSeconds: number | null = null): ReplicaStatus => ({
      state,
      lagSeconds,
      readsFrom: 'primary',
      isPrimaryReachable,
    });
    if (!standby) return onPrimary('unreachable');
    if (!standby.isStandby || standby.replayLsn === null) return onPrimary('not_standby');
    if (!isPrimaryReachable) {
      // Everything received is replayed: as current as the replica can be without its primary.
      const isCaughtUp = standby.receiveLsn === null || lsnBytes(standby.receiveLsn) <= lsnBytes(standby.replayLsn);
      const lagSeconds = isCaughtUp ? 0 : Math.max(0, standby.sinceReplay ?? 0);
      return { state: 'ok', lagSeconds, readsFrom: 'replica', isPrimaryReachable };
    }
    const replay = lsnBytes(standby.replayLsn);
    const now = Date.now();
    const newestHeld = this.samples.findLastIndex((s) => s.lsn <= replay);
    if (newestHeld < 0) {
      // Behind every position noted: at least as old as the oldest one, and not known to be within the bound.
      return onPrimary('lagging', (now - this.samples[0]!.at) / 1000);
    }
    const lagMs = now - this.samples[newestHeld]!.at;
    this.samples.splice(0, newestHeld); // older positions can no longer be the newest held
    if (lagMs > this.opts.maxLagMs) return onPrimary('lagging', lagMs / 1000);
    return { state: 'ok', lagSeconds: lagMs / 1000, readsFrom: 'replica', isPrimaryReachable };
  }
}

/**
 * A write refused because the handle reads a hot standby (SQLSTATE 25006, "cannot execute … in a
 * read-only transaction"), raised by the driver or wrapped by drizzle in `.cause`.
 */
export function isReadOnlyError(error: unknown): boolean {
  const code = (e: unknown) => (e as { code?: unknown } | undefined)?.code;
  return code(error) === '25006' || code((error as { cause?: unknown } | undefined)?.cause) === '25006';
}
