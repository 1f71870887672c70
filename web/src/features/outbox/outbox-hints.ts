import type { OutboxItem } from './outbox';

/** Which advice a refused item gets: what happened meanwhile, in the worker's words. */
export type OutboxHint = 'ballotClosed' | 'alreadyVoted' | 'matterMoved' | 'other';

const hintByCode: Record<string, OutboxHint> = {
  'ballot.closed': 'ballotClosed',
  'ballot.not_open': 'ballotClosed',
  'ballot.already_voted': 'alreadyVoted',
  'matter.wrong_stage': 'matterMoved',
  'matter.read_only': 'matterMoved',
};

/** The advice for a refused item (none for the others). */
export function outboxHint(item: OutboxItem): OutboxHint | null {
  if (item.state !== 'conflict') return null;
  return hintByCode[item.error?.code ?? ''] ?? 'other';
}

/** An assisted vote's receipt code from the server's reply, when there is one. */
export function outboxReceipt(item: OutboxItem): string | null {
  const reply = item.reply as { receipt?: unknown } | null;
  return typeof reply?.receipt === 'string' ? reply.receipt : null;
}
