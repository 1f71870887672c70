/**
 * The group-commit writer's set-based path: the common case of a batch (a FIRST vote of an elector on
 * an open ballot) written for the whole batch at once, in one statement, instead of several statements
 * per vote. Same guarantees as castVote, whose checks it repeats set-wise: the ballot row is read FOR
 * KEY SHARE (a concurrent close waits; a closed or past ballot takes no vote), the elector must belong
 * to the ballot's snapshot, the unique index (ballot_id, elector_id) keeps one counted row per elector,
 * every vote gets its log entry, and a secret ballot keeps its choice only in ballot_secret_choices,
 * inserted in random order and linked to nothing but the hash of the receipt. Whatever it does not
 * write (closed or unknown ballot, not an elector, already voted, a second vote of one elector in the
 * batch, or any failure of the statement) is left to castVote, which refuses or replaces exactly as
 * for a single vote.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { ballotElectors, ballotLog, ballots, ballotSecretChoices, ballotVotes } from '../../db/schema';
import { ballotMeasures, choiceHash, newReceipt, voteHash, type CastInput, type CastResult } from './ballots.cast';

type BallotState = { id: number; secrecy: string; open: boolean };

const keyOf = (ballotId: number, electorId: number) => `${ballotId}:${electorId}`;

/**
 * Writes the first votes of a batch set-wise. Returns, per input, its result or `undefined` where
 * the caller must take the per-vote path (castVote). Runs inside the caller's transaction; when the
 * statement fails, its savepoint is rolled back and every vote is left to the per-vote path.
 */
export async function castFirstVotes(tx: DbOrTx, inputs: readonly CastInput[]): Promise<(CastResult | undefined)[]> {
  const results: (CastResult | undefined)[] = inputs.map(() => undefined);
  const ballotIds = [...new Set(inputs.map((i) => i.ballot.id))];
  const { rows: states } = await tx.execute<BallotState>(sql`
    select id, secrecy, status = 'open' and closes_at > clock_timestamp() as open
    from ${ballots} where id = any(${sql.param(ballotIds)}::int[]) order by id for key share`);
  const stateOf = new Map(states.map((s) => [s.id, s]));

  const seen = new Set<string>();
  const picked: { index: number; receipt: string; secret: boolean }[] = [];
  inputs.forEach((input, index) => {
    const key = keyOf(input.ballot.id, input.electorId);
    if (!stateOf.get(input.ballot.id)?.open || seen.has(key)) return;
    seen.add(key);
    picked.push({ index, receipt: newReceipt(), secret: stateOf.get(input.ballot.id)!.secrecy === 'secret' });
  });
  if (picked.length === 0) return results;

  const column = <T>(of: (input: CastInput, p: (typeof picked)[number]) => T) =>
    sql.param(picked.map((p) => of(inputs[p.index]!, p)));
  const json = (value: unknown) => JSON.stringify(value);
  await tx.execute(sql.raw('savepoint first_votes'));
  try {
    const { rows } = await tx.execute<{ ballot_id: number; elector_id: number; cast_at: Date }>(sql`
      with input as (
        select * from unnest(
          ${column((i) => i.ballot.id)}::int[], ${column((i) => i.electorId)}::int[],
          ${column((i) => i.channel)}::text[], ${column((i) => i.castBy)}::int[],
          ${column((i) => i.proxyId ?? null)}::int[], ${column((i) => i.paperNo ?? null)}::text[],
          ${column((_, p) => voteHash(p.receipt))}::text[],
          ${column((i, p) => (p.secret ? null : json(i.choice)))}::jsonb[],
          ${column((i, p) => json({ electorId: i.electorId, channel: i.channel, replaced: false, ...(p.secret ? {} : { choice: i.choice }) }))}::jsonb[],
          ${column((_, p) => (p.secret ? choiceHash(p.receipt) : null))}::text[],
          ${column((i, p) => (p.secret ? json(i.choice) : null))}::jsonb[],
          ${column((i) => ballotMeasures(i.ballot).includes('area'))}::bool[],
          ${column((i) => ballotMeasures(i.ballot).includes('households'))}::bool[]
        ) as t(ballot_id, elector_id, channel, cast_by, proxy_id, paper_no, receipt_hash, choice,
               log_payload, choice_hash, secret_choice, with_area, with_household)
      ), voted as (
        insert into ${ballotVotes} (ballot_id, elector_id, channel, cast_by, proxy_id, paper_no, receipt_hash, choice)
        select i.ballot_id, i.elector_id, i.channel, i.cast_by, i.proxy_id, i.paper_no, i.receipt_hash, i.choice
        from input i join ${ballotElectors} e on e.id = i.elector_id and e.ballot_id = i.ballot_id
        order by i.ballot_id, i.elector_id
        on conflict (ballot_id, elector_id) do nothing
        returning ballot_id, elector_id, cast_at
      ), logged as (
        insert into ${ballotLog} (ballot_id, account_id, action, payload)
        select i.ballot_id, i.cast_by, 'vote.cast', i.log_payload
        from voted v join input i using (ballot_id, elector_id)
      ), secret as (
        insert into ${ballotSecretChoices} (ballot_id, receipt_hash, choice)
        select i.ballot_id, i.choice_hash, i.secret_choice || jsonb_build_object(
          'area', case when i.with_area then e.area_centi::text else '0' end,
          'householdId', case when i.with_household then e.household_id end)
        from voted v join input i using (ballot_id, elector_id) join ${ballotElectors} e on e.id = i.elector_id
        where i.secret_choice is not null
        order by random()
      )
      select ballot_id, elector_id, cast_at from voted`);
    const castAt = new Map(rows.map((r) => [keyOf(r.ballot_id, r.elector_id), r.cast_at]));
    for (const p of picked) {
      const input = inputs[p.index]!;
      const at = castAt.get(keyOf(input.ballot.id, input.electorId));
      if (at) results[p.index] = { receipt: p.receipt, castAt: new Date(at).toISOString(), replaced: false };
    }
    return results;
  } catch {
    // Nothing of this statement stays; each vote then gets its own answer from castVote.
    await tx.execute(sql.raw('rollback to savepoint first_votes'));
    return inputs.map(() => undefined);
  }
}
