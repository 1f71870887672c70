import { defineLifecycle } from '../lifecycle';

/**
 * A paper ballot's entry: pending (one entry) → counted when a second entry agrees, or mismatch (the
 * entries differ, or its elector had already voted) → counted or void by a third person's reconcile.
 */
export const paperStatuses = ['pending', 'mismatch', 'counted', 'void'] as const;
export type PaperStatus = (typeof paperStatuses)[number];

/** Why a paper waits: its two entries differ (never what either said), or its elector had already voted. */
export const paperMismatches = ['differs', 'already_voted'] as const;
export type PaperMismatch = (typeof paperMismatches)[number];

export const paperLifecycle = defineLifecycle({
  states: paperStatuses,
  initial: 'pending',
  transitions: {
    confirm: { from: ['pending'], to: 'counted' },
    flag: { from: ['pending'], to: 'mismatch' },
    reconcile: { from: ['mismatch'], to: 'counted' },
    void: { from: ['pending', 'mismatch'], to: 'void' },
  },
});

/** Settled: nothing more to enter; the count may close only when every paper is settled. */
export const isSettledPaper = paperLifecycle.anyOf(['counted', 'void']);
/** Waiting for a second entry or a reconcile: what the counting panel lists. */
export const isUnsettledPaper = paperLifecycle.anyOf(['pending', 'mismatch']);
