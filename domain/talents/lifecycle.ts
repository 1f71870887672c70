import { defineLifecycle } from '../lifecycle';

/** 领军人才遴选: one year's city-wide selection of community-work leading talents. */
export const selectionStatuses = ['draft', 'nominating', 'reviewing', 'closed'] as const;
export type SelectionStatus = (typeof selectionStatuses)[number];

export const selectionLifecycle = defineLifecycle({
  states: selectionStatuses,
  initial: 'draft',
  transitions: {
    /** Nominations open (by communities, towns or the person themself). */
    open: { from: ['draft'], to: 'nominating' },
    /** Nominations close; eligibility is checked and reviewers score. */
    review: { from: ['nominating'], to: 'reviewing' },
    /** Every nomination decided: the year is over. */
    close: { from: ['reviewing'], to: 'closed' },
  },
});
export type SelectionCommand = keyof typeof selectionLifecycle.transitions;

/** Who put a person forward. */
export const nominatorKinds = ['community', 'town', 'self'] as const;
export type NominatorKind = (typeof nominatorKinds)[number];

/**
 * A nomination: checked against the year's eligibility from the person's record, scored, put on public
 * notice (公示) with an objection window, then named (or declined).
 */
export const nominationStatuses = ['nominated', 'ineligible', 'eligible', 'noticed', 'named', 'declined'] as const;
export type NominationStatus = (typeof nominationStatuses)[number];

export const nominationLifecycle = defineLifecycle({
  states: nominationStatuses,
  initial: 'nominated',
  transitions: {
    /** The record meets the year's thresholds: it goes to review. */
    admit: { from: ['nominated'], to: 'eligible' },
    /** The record does not meet them: ruled out, with the facts that failed. */
    ruleOut: { from: ['nominated'], to: 'ineligible' },
    /** Chosen after review: a public notice with an objection window. */
    notice: { from: ['eligible'], to: 'noticed' },
    /** After the window, every objection answered: named a leading talent, certificate issued. */
    confirm: { from: ['noticed'], to: 'named' },
    /** Not chosen, or an objection upheld. */
    decline: { from: ['eligible', 'noticed'], to: 'declined' },
  },
});
export type NominationCommand = keyof typeof nominationLifecycle.transitions;
