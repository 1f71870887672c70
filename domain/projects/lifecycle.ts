import { defineLifecycle } from '../lifecycle';

/** 项目征集: a city's or town's call for micro-governance project proposals, with a budget. */
export const callStatuses = ['draft', 'open', 'closed'] as const;
export type CallStatus = (typeof callStatuses)[number];

export const callLifecycle = defineLifecycle({
  states: callStatuses,
  initial: 'draft',
  transitions: {
    /** Published: organisations may apply until it closes. */
    open: { from: ['draft'], to: 'open' },
    /** No more applications; the review goes on. */
    close: { from: ['open'], to: 'closed' },
  },
});
export type CallCommand = keyof typeof callLifecycle.transitions;

/**
 * 微治理项目: a social organisation's project bought as a social-work service, from its application to
 * a call through review, contract, milestones and evaluations, to its close with a public result.
 */
export const projectStatuses = [
  'draft',
  'submitted',
  'returned',
  'declined',
  'approved',
  'contracted',
  'midterm_evaluated',
  'final_evaluated',
  'closed',
] as const;
export type ProjectStatus = (typeof projectStatuses)[number];

export const projectLifecycle = defineLifecycle({
  states: projectStatuses,
  initial: 'draft',
  transitions: {
    /** The organisation submits its application to an open call (again after a return). */
    submit: { from: ['draft', 'returned'], to: 'submitted' },
    /** The call's officers return it for amendment, with reasons. */
    return: { from: ['submitted'], to: 'returned' },
    /** Reviewed and not chosen. */
    decline: { from: ['submitted'], to: 'declined' },
    /** Reviewed and chosen (scores recorded). */
    approve: { from: ['submitted'], to: 'approved' },
    /** The purchase contract is signed: amount and period. Milestones may be reported from here. */
    contract: { from: ['approved'], to: 'contracted' },
    /** 中期评估. */
    evaluateMidterm: { from: ['contracted'], to: 'midterm_evaluated' },
    /** 结项评估: scores and residents' satisfaction from the follow-ups of its matters. */
    evaluateFinal: { from: ['contracted', 'midterm_evaluated'], to: 'final_evaluated' },
    /** Closed with its result, which the public showcase shows. */
    close: { from: ['final_evaluated'], to: 'closed' },
  },
});
export type ProjectCommand = keyof typeof projectLifecycle.transitions;

/** Stages the organisation may still edit its application in. */
export const isEditableProject = projectLifecycle.anyOf(['draft', 'returned']);
/** Stages in which milestones and spending are reported. */
export const isRunningProject = projectLifecycle.anyOf(['contracted', 'midterm_evaluated']);
/** Stages with a signed contract (the finance export and the statistics' spending read these). */
export const isContractedProject = projectLifecycle.anyOf([
  'contracted',
  'midterm_evaluated',
  'final_evaluated',
  'closed',
]);

/** A milestone: planned in the application, reported with evidence, accepted (or sent back) by the officers. */
export const milestoneStatuses = ['planned', 'reported', 'accepted'] as const;
export type MilestoneStatus = (typeof milestoneStatuses)[number];

export const milestoneLifecycle = defineLifecycle({
  states: milestoneStatuses,
  initial: 'planned',
  transitions: {
    report: { from: ['planned'], to: 'reported' },
    accept: { from: ['reported'], to: 'accepted' },
    /** Sent back for more evidence. */
    reopen: { from: ['reported'], to: 'planned' },
  },
});
export type MilestoneCommand = keyof typeof milestoneLifecycle.transitions;

/** The evaluations a project gets: its application review, mid-term and final. */
export const projectReviewStages = ['application', 'midterm', 'final'] as const;
export type ProjectReviewStage = (typeof projectReviewStages)[number];

/** How a matter is tied to a project: the matter it arose from, or one it serves. */
export const projectMatterRelations = ['origin', 'served'] as const;
export type ProjectMatterRelation = (typeof projectMatterRelations)[number];
