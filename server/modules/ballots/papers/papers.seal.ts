import { randomBytes } from 'node:crypto';
import type { BallotChoice } from '../casting/cast';
import { sha256 } from '../../../hash';

/**
 * A secret ballot's paper entries keep no choice: only what the next entry of the same paper needs
 * to be compared with — SHA-256 over the paper's random salt, the paper, the elector and the choice
 * in one canonical form. The salt lives on the paper row and is erased with the digests once the
 * paper is counted or void, and at the final close; then nothing links that elector to a choice.
 * The same text is computed by the 0011 migration's SQL for entries written before it: keep them equal.
 */

/** One reading of a choice: approval ignores the order of the ticks, ranking keeps it. */
export function canonicalChoice(choice: BallotChoice): string {
  if (choice.kind === 'yes_no') return `yes_no:${choice.choice}`;
  const ids = choice.kind === 'approval' ? [...choice.optionIds].sort((a, b) => a - b) : choice.optionIds;
  return `${choice.kind}:${ids.join(',')}`;
}

/** 32 random bytes, hex: one per paper. */
export const newPaperSalt = () => randomBytes(32).toString('hex');

/** The digest an entry keeps in place of its choice. */
export function paperChoiceDigest(
  salt: string,
  paper: { ballotId: number; paperNo: string },
  electorId: number,
  choice: BallotChoice,
): string {
  const text = `${salt}|${paper.ballotId}|${paper.paperNo}|${electorId}|${canonicalChoice(choice)}`;
  return sha256(text);
}
