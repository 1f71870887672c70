/**
 * The group-commit writer's set-based path: the common case of a batch (a FIRST vote of an elector on
 * an open ballot) written for the whole batch at once, in one statement, instead of several statements
 * per vote. Same guarantees as castVote, whose checks it repeats set-wise: the ballot row is read FOR
 * KEY SHARE (a concurrent close waits; a closed or past ballot takes no vote), the elector must belong
 * to the ballot's snapshot, the unique index (ballot_id, elector_id) keeps one counted row per elector,
 * every vote gets its log entry, and a secret ballot keeps its choice only in ballot_secret_choices,
 * inserted in random order and linked to nothing but the hash of the receipt. Whatever it does not
 * write (closed or unknown ballot, not an elector, already voted, a second vote of one elector in the
 * batch) is left to castVote, which refuses or replaces exactly as for a single vote.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { ballotSignalSql } from '../../../plugins/live';
import { ballotElectors, ballotLog, ballots, ballotSecretChoices, ballotVotes } from '../../../db/schema';
import { ballotMeasures, choiceHash, newReceipt, voteHash, type CastInput, type CastResult } from './cast';

const keyOf = (ballotId: number, electorId: number) => `${ballotId}:${electorId}`;

/**
 * Writes the first votes of a batch in ONE statement (one round trip, whatever the batch): the open
 * ballots locked FOR KEY SHARE, the votes, their log entries, the secret choices and one `turnout`
 * NOTIFY per ballot written (delivered at commit). Returns, per input, its result, or `undefined`
 * where the caller must take the per-vote path (castVote): the ballot is not open, the elector is not
 * in its snapshot or has voted already, or the elector came earlier in the same batch. Runs inside the
 * caller's transaction; if the statement fails, that transaction is aborted and the caller writes the
 * batch again by the per-vote path (nothing was acknowledged).
 */
export async function castFirstVotes(tx: DbOrTx, inputs: readonly CastInput[]): Promise<(CastResult | undefined)[]> {
  const results: (CastResult | undefined)[] = inputs.map(() => undefined);
  const seen = new Set<string>();
  const picked: { index: number; receipt: string }[] = [];
  inputs.forEach((input, index) => {
    const key = keyOf(input.ballot.id, input.electorId);
    if (seen.has(key)) return;
    seen.add(key);
    picked.push({ index, receipt: newReceipt() });
  });
  const column = <T>(of: (input: CastInput, receipt: string) => T) =>
    sql.param(picked.map((p) => of(inputs[p.index]!, p.receipt)));
  const ballotIds = [...new Set(inputs.map((i) => i.ballot.id))].sort((a, b) => a - b);
  const { rows } = await tx.execute<{ ballot_id: number; elector_id: number; cast_at: Date }>(sql`
    -- clock_timestamp(), not the app's clock: the last word on a vote queued before closesAt (cast.ts).
    with open_ballots as (
      select id, secrecy = 'secret' as secret from ${ballots}
      where id = any(${sql.param(ballotIds)}::int[]) and status = 'open' and closes_at > clock_timestamp()
      order by id for key share
    ), input as (
      select t.*, b.secret from unnest(
        ${column((i) => i.ballot.id)}::int[], ${column((i) => i.electorId)}::int[],
        ${column((i) => i.channel)}::text[], ${column((i) => i.castBy)}::int[],
        ${column((i) => i.proxyId ?? null)}::int[], ${column((i) => i.paperNo ?? null)}::text[],
        ${column((_, r) => voteHash(r))}::text[], ${column((_, r) => choiceHash(r))}::text[],
        ${column((i) => JSON.stringify(i.choice))}::jsonb[],
        ${column((i) => ballotMeasures(i.ballot).includes('area'))}::bool[],
        ${column((i) => ballotMeasures(i.ballot).includes('households'))}::bool[]
      ) as t(ballot_id, elector_id, channel, cast_by, proxy_id, paper_no, receipt_hash, choice_hash, choice,
             with_area, with_household)
      join open_ballots b on b.id = t.ballot_id
    ), voted as (
      insert into ${ballotVotes} (ballot_id, elector_id, channel, cast_by, proxy_id, paper_no, receipt_hash, choice)
      select i.ballot_id, i.elector_id, i.channel, i.cast_by, i.proxy_id, i.paper_no, i.receipt_hash,
        case when i.secret then null else i.choice end
      from input i join ${ballotElectors} e on e.id = i.elector_id and e.ballot_id = i.ballot_id
      order by i.ballot_id, i.elector_id
      on conflict (ballot_id, elector_id) do nothing
      returning ballot_id, elector_id, cast_at
    ), logged as (
      insert into ${ballotLog} (ballot_id, account_id, action, payload)
      select i.ballot_id, i.cast_by, 'vote.cast',
        jsonb_build_object('electorId', i.elector_id, 'channel', i.channel, 'replaced', false)
          || case when i.secret then '{}'::jsonb else jsonb_build_object('choice', i.choice) end
      from voted v join input i using (ballot_id, elector_id)
    ), secret as (
      insert into ${ballotSecretChoices} (ballot_id, receipt_hash, choice)
      select i.ballot_id, i.choice_hash, i.choice || jsonb_build_object(
        'area', case when i.with_area then e.area_centi::text else '0' end,
        'householdId', case when i.with_household then e.household_id end)
      from voted v join input i using (ballot_id, elector_id) join ${ballotElectors} e on e.id = i.elector_id
      where i.secret
      order by random()
    ), signalled as (
      select ${ballotSignalSql(sql`d.ballot_id`, 'turnout')}
      from (select distinct ballot_id from voted) d
    )
    -- The scalar subquery runs once, with the first row: no vote written, no signal.
    select ballot_id, elector_id, cast_at, (select count(*) from signalled) as signals from voted`);
  const castAt = new Map(rows.map((r) => [keyOf(r.ballot_id, r.elector_id), r.cast_at]));
  for (const p of picked) {
    const input = inputs[p.index]!;
    const at = castAt.get(keyOf(input.ballot.id, input.electorId));
    if (at) results[p.index] = { receipt: p.receipt, castAt: new Date(at).toISOString(), replaced: false };
  }
  return results;
}
