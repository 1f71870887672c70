/** The writes a grid worker may make at a door without signal (待提交), each replayed once by its key. */
export const outboxKinds = ['follow_up', 'assisted_vote', 'raise', 'sign_in'] as const;
export type OutboxKind = (typeof outboxKinds)[number];

/** queued: waits for a network; sent: the server took it; conflict: the server refused it (see `error`). */
export const outboxStates = ['queued', 'sent', 'conflict'] as const;
export type OutboxState = (typeof outboxStates)[number];

/** One write kept on the phone until it reaches the server. `id` is its Idempotency-Key. */
export type OutboxItem = {
  id: string;
  accountId: number;
  kind: OutboxKind;
  method: 'POST';
  path: string;
  body: unknown;
  /** Where the worker can look at it: the matter, or the ballot. */
  matterId: number | null;
  ballotId: number | null;
  createdAt: string;
  state: OutboxState;
  attempts: number;
  sentAt: string | null;
  /** The server's reply once sent (an assisted vote's receipt). */
  reply: unknown;
  /** The server's refusal, or the last temporary failure. */
  error: { status: number; code: string; message: string } | null;
};

export type NewOutboxItem = Pick<OutboxItem, 'accountId' | 'kind' | 'path' | 'body'> &
  Partial<Pick<OutboxItem, 'matterId' | 'ballotId'>>;
