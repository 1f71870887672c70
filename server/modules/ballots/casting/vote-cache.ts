/**
 * What an online vote reads before the writer, kept per app process so a burst of votes on one
 * ballot does not read the same rows thousands of times:
 * - the ballot row with its matter, for `ttlMs` (1 s), read once at a time: used to check that the voter may see the ballot
 *   and to refuse early; a refusal is always decided on a fresh read, and the vote's own transaction
 *   (castVote / castFirstVotes: the ballot FOR KEY SHARE, open and not past) stays authoritative, so
 *   an extension or a close is never missed;
 * - once the ballot is open, its electorate snapshot (resident → electors) and its options, which are
 *   fixed at opening: loaded once per ballot with one query each, for at most `maxBallots` ballots
 *   (least recently used dropped first).
 */
import type { Actor, BallotSubject } from '../../../../domain/access';
import type { DbOrTx } from '../../../db/client';
import { notFound } from '../../../errors';
import { authorize, sees } from '../../../plugins/authorize';
import { findMatter, isParticipant, matterSubject, type MatterRow } from '../../matters';
import { ballotAccess } from '../ballots.access';
import type { BallotOptionRow, BallotRow } from './cast';
import { ballotLifecycle } from '../../../../domain/voting';
import { effectiveStatus } from '../ballots.presenter';
import { ballotOptionsOf, findBallot } from '../ballots.repository';
import { clockNow } from '../../../clock';
import { electorResidentRows } from './casting.repository';

type Seen = { at: number; ballot: BallotRow; matter: MatterRow | null };

/** A Map used as a bounded LRU: reading an entry makes it the newest; the oldest is dropped. */
function remember<K, V>(map: Map<K, V>, key: K, make: () => V, max: number): V {
  const found = map.get(key);
  if (found !== undefined) {
    map.delete(key);
    map.set(key, found);
    return found;
  }
  const value = make();
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value!);
  return value;
}

/** resident → the electors listing them, for one ballot's snapshot (one query). */
async function loadElectorate(db: DbOrTx, ballotId: number): Promise<Map<number, number[]>> {
  const rows = await electorResidentRows(db, ballotId);
  const byResident = new Map<number, number[]>();
  for (const r of rows) {
    for (const resident of r.resident_ids) byResident.set(resident, [...(byResident.get(resident) ?? []), r.id]);
  }
  return byResident;
}

export class VoteReadCache {
  private readonly seen = new Map<number, Seen>();
  private readonly reading = new Map<number, Promise<Seen | undefined>>();
  private readonly electors = new Map<number, Promise<Map<number, number[]>>>();
  private readonly options = new Map<number, Promise<BallotOptionRow[]>>();

  constructor(
    private readonly ttlMs = 1000,
    private readonly maxBallots = 16,
  ) {}

  /**
   * One read per ballot at a time: the votes that find the entry expired together (every request in
   * flight, once a second under a burst) share the read that is under way rather than each running
   * its own. A read joined this way started after the entry it replaces, so it is as fresh.
   */
  private read(db: DbOrTx, ballotId: number): Promise<Seen | undefined> {
    const underWay = this.reading.get(ballotId);
    if (underWay) return underWay;
    const reading = this.readNow(db, ballotId).finally(() => this.reading.delete(ballotId));
    this.reading.set(ballotId, reading);
    return reading;
  }

  private async readNow(db: DbOrTx, ballotId: number): Promise<Seen | undefined> {
    const ballot = await findBallot(db, ballotId);
    if (!ballot) return undefined;
    const matter = ballot.matterId === null ? undefined : await findMatter(db, ballot.matterId);
    const seen = { at: clockNow().getTime(), ballot, matter: matter ?? null };
    this.seen.delete(ballotId);
    this.seen.set(ballotId, seen);
    if (this.seen.size > this.maxBallots) this.seen.delete(this.seen.keys().next().value!);
    return seen;
  }

  /**
   * The ballot if the actor may see it (else 404, as loadBallot). A cached row that no longer reads
   * as open is read again before the caller refuses anything on its account.
   */
  async ballotFor(db: DbOrTx, actor: Actor, ballotId: number): Promise<BallotRow> {
    const cached = this.seen.get(ballotId);
    let seen = cached && clockNow().getTime() - cached.at < this.ttlMs ? cached : await this.read(db, ballotId);
    if (seen && seen === cached && !ballotLifecycle.is.open(effectiveStatus(seen.ballot)))
      seen = await this.read(db, ballotId);
    if (!seen) throw notFound(ballotAccess.what);
    const { ballot, matter } = seen;
    const subject = (participant: boolean): BallotSubject => ({
      type: 'ballot',
      path: ballot.placePath,
      matter: matter ? matterSubject(matter, participant) : null,
    });
    // Taking part in the matter only ever widens what one may see: ask only when needed.
    const outsider = subject(false);
    const seenAs =
      sees(actor, outsider, ballotAccess) || !matter ? outsider : subject(await isParticipant(db, actor, matter));
    authorize(actor, null, seenAs, ballotAccess);
    return ballot;
  }

  /** The electors listing this resident in an open ballot's snapshot (fixed at opening). */
  async electorsOf(db: DbOrTx, ballot: BallotRow, residentId: number): Promise<number[]> {
    const byResident = await remember(
      this.electors,
      ballot.id,
      () => this.forget(this.electors, ballot.id, loadElectorate(db, ballot.id)),
      this.maxBallots,
    );
    return byResident.get(residentId) ?? [];
  }

  /** An open ballot's options (fixed at opening). */
  optionsOf(db: DbOrTx, ballot: BallotRow): Promise<BallotOptionRow[]> {
    const load = () => this.forget(this.options, ballot.id, ballotOptionsOf(db, ballot.id));
    return remember(this.options, ballot.id, load, this.maxBallots);
  }

  /** A failed load is not kept: the next vote tries again. */
  private forget<T>(map: Map<number, Promise<T>>, ballotId: number, loading: Promise<T>): Promise<T> {
    return loading.catch((error: unknown) => {
      map.delete(ballotId);
      throw error;
    });
  }
}
