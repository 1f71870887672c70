import { defineLifecycle } from '../lifecycle';

/**
 * A meeting: scheduled → held (first sign-in) → closed (staff closed sign-in). 'open' is in the
 * column's list for old rows but never written.
 */
export const meetingStatuses = ['scheduled', 'open', 'held', 'closed'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

export const meetingLifecycle = defineLifecycle({
  states: meetingStatuses,
  initial: 'scheduled',
  transitions: {
    signIn: { from: ['scheduled'], to: 'held' },
    close: { from: ['scheduled', 'open', 'held'], to: 'closed' },
  },
});

/** Minutes: draft → amending (attendees propose until `amendUntil`) → published (redacted copy public). */
export const minutesStatuses = ['draft', 'amending', 'published'] as const;
export type MinutesStatus = (typeof minutesStatuses)[number];

export const minutesLifecycle = defineLifecycle({
  states: minutesStatuses,
  initial: 'draft',
  transitions: {
    openAmendment: { from: ['draft', 'amending'], to: 'amending' },
    publish: { from: ['draft', 'amending'], to: 'published' },
  },
});

/** Minutes not yet published: staff still edit them and may publish. */
export const isUnpublishedMinutes = minutesLifecycle.anyOf(minutesLifecycle.transitions.publish.from);

/** An attendee's proposed amendment to the minutes, answered by staff. */
export const amendmentStatuses = ['proposed', 'accepted', 'rejected'] as const;
export type AmendmentStatus = (typeof amendmentStatuses)[number];

export const amendmentLifecycle = defineLifecycle({
  states: amendmentStatuses,
  initial: 'proposed',
  transitions: {
    accept: { from: ['proposed'], to: 'accepted' },
    reject: { from: ['proposed'], to: 'rejected' },
  },
});
