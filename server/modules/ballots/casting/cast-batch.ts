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
import type { DbOrTx } from '../../../db/client';
import { ballotMeasures, choiceHash, newReceipt, voteHash, type CastInput, type CastResult } from './cast';
import { insertFirstVotes } from './casting.repository';

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
  const ballotIds = [...new Set(inputs.map((i) => i.ballot.id))].sort((a, b) => a - b);
  const rows = await insertFirstVotes(
    tx,
    ballotIds,
    picked.map(({ index, receipt }) => {
      const input = inputs[index]!;
      return {
        ballotId: input.ballot.id,
        electorId: input.electorId,
        channel: input.channel,
        castBy: input.castBy,
        proxyId: input.proxyId ?? null,
        paperNo: input.paperNo ?? null,
        receiptHash: voteHash(receipt),
        choiceHash: choiceHash(receipt),
        choice: JSON.stringify(input.choice),
        withArea: ballotMeasures(input.ballot).includes('area'),
        withHousehold: ballotMeasures(input.ballot).includes('households'),
      };
    }),
  );
  const castAt = new Map(rows.map((r) => [keyOf(r.ballot_id, r.elector_id), r.cast_at]));
  for (const p of picked) {
    const input = inputs[p.index]!;
    const at = castAt.get(keyOf(input.ballot.id, input.electorId));
    if (at) results[p.index] = { receipt: p.receipt, castAt: new Date(at).toISOString(), replaced: false };
  }
  return results;
}
