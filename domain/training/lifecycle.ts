import { defineLifecycle } from '../lifecycle';

/** 培训项目: a training programme (e.g. 社区治理微领袖培训) with its sessions, from draft to closed. */
export const programmeStatuses = ['draft', 'open', 'closed'] as const;
export type ProgrammeStatus = (typeof programmeStatuses)[number];

export const programmeLifecycle = defineLifecycle({
  states: programmeStatuses,
  initial: 'draft',
  transitions: {
    /** Published: people enrol and sign in to its sessions. */
    open: { from: ['draft'], to: 'open' },
    /** Finished: assessments recorded, completions decided. */
    close: { from: ['open'], to: 'closed' },
  },
});
export type ProgrammeCommand = keyof typeof programmeLifecycle.transitions;

/** A participant of a programme: enrolled, then completed (hours and assessment met) or not. */
export const participantStatuses = ['enrolled', 'completed', 'not_completed'] as const;
export type ParticipantStatus = (typeof participantStatuses)[number];

export const participantLifecycle = defineLifecycle({
  states: participantStatuses,
  initial: 'enrolled',
  transitions: {
    complete: { from: ['enrolled', 'not_completed'], to: 'completed' },
    fail: { from: ['enrolled'], to: 'not_completed' },
  },
});
export type ParticipantCommand = keyof typeof participantLifecycle.transitions;

/** How a person was signed in to a training session: by the session's code, or marked by staff. */
export const trainingSignInMethods = ['code', 'staff'] as const;
export type TrainingSignInMethod = (typeof trainingSignInMethods)[number];

/** A micro-leader (微领袖) of the pool: active, or withdrawn with a reason. */
export const microLeaderStatuses = ['active', 'withdrawn'] as const;
export type MicroLeaderStatus = (typeof microLeaderStatuses)[number];
