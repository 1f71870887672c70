import { defineLifecycle } from '../lifecycle';

/**
 * The seven-step closed loop as one typed table: stages, side exits, the named commands that move a
 * matter, their guards, and what each status enables. Routes and jobs never test `status` themselves.
 */

export const matterStages = [
  'raised',
  'accepted',
  'announced',
  'deliberating',
  'resolved',
  'implementing',
  'reviewed',
  'archived',
] as const;
export type MatterStage = (typeof matterStages)[number];

export const matterExits = ['declined', 'merged', 'referred', 'escalated'] as const;
export type MatterExit = (typeof matterExits)[number];
export type MatterStatus = MatterStage | MatterExit;
/** Every status a matter row may hold: the stages in order, then the side exits. */
export const matterStatuses: readonly MatterStatus[] = [...matterStages, ...matterExits];

/** What guards read: facts about the matter gathered by the service in the command's transaction. */
export type MatterFacts = {
  status: MatterStatus;
  /** Today in the community's calendar, YYYY-MM-DD. */
  today: string;
  /** Now, ISO instant, for windows measured in hours. */
  now: string;
  hasTopicNotice: boolean;
  invitationCount: number;
  meetingsHeld: number;
  hasResolution: boolean;
  objectionEndsAt: string | null;
  unansweredObjections: number;
  taskCount: number;
  openTaskCount: number;
  followUpCount: number;
  hasSupervisionReview: boolean;
  /** Supervision findings (监督意见) the convenor has not answered yet. */
  unansweredFindings: number;
  hasEvaluation: boolean;
};

/** Every reason a guard may hold a command back; each is also the 409 code the command is refused with. */
export const guardCodes = [
  'matter.needs_topic_notice',
  'matter.needs_invitations',
  'matter.needs_meeting',
  'matter.needs_resolution',
  'matter.objection_window_open',
  'matter.objections_unanswered',
  'matter.needs_tasks',
  'matter.tasks_open',
  'matter.needs_follow_up',
  'matter.needs_supervision_review',
  'matter.findings_unanswered',
  'matter.needs_evaluation',
] as const;
export type GuardCode = (typeof guardCodes)[number];
export type GuardFailure = { code: GuardCode };

type Guard = { code: GuardCode; holds: (f: MatterFacts) => boolean };

const guard = (code: GuardCode, holds: (f: MatterFacts) => boolean): Guard => ({ code, holds });

/** Every command that moves a matter, in the order of the steps (the keys of `transitions`). */
export const matterCommands = [
  'accept',
  'decline',
  'merge',
  'refer',
  'escalate',
  'announce',
  'startDeliberation',
  'resolve',
  'startImplementation',
  'startReview',
  'archive',
] as const;
export type MatterCommand = (typeof matterCommands)[number];
/** 审核: the commands that answer a raised (or escalated) matter, each with its own form. */
export const vetCommands = [
  'accept',
  'decline',
  'merge',
  'refer',
  'escalate',
] as const satisfies readonly MatterCommand[];
export type VetCommand = (typeof vetCommands)[number];
/**
 * The stage commands that take no body (announce, startDeliberation, resolve, startImplementation,
 * startReview, archive): each is a POST to /matters/:id/<kebab-case name>, answered with the new status.
 */
export const stageCommands = [
  'announce',
  'startDeliberation',
  'resolve',
  'startImplementation',
  'startReview',
  'archive',
] as const satisfies readonly MatterCommand[];
export type StageCommand = (typeof stageCommands)[number];

type Transition = { from: readonly MatterStatus[]; to: MatterStatus; guards: readonly Guard[] };

/** Every allowed move. A matter escalated to a higher level is vetted again there (accept/decline). */
export const transitions: Record<MatterCommand, Transition> = {
  accept: { from: ['raised', 'escalated'], to: 'accepted', guards: [] },
  decline: { from: ['raised', 'escalated', 'accepted'], to: 'declined', guards: [] },
  merge: { from: ['raised', 'escalated', 'accepted'], to: 'merged', guards: [] },
  refer: { from: ['raised', 'escalated', 'accepted', 'deliberating'], to: 'referred', guards: [] },
  escalate: { from: ['raised', 'accepted', 'announced', 'deliberating'], to: 'escalated', guards: [] },
  announce: {
    from: ['accepted'],
    to: 'announced',
    guards: [
      guard('matter.needs_topic_notice', (f) => f.hasTopicNotice),
      guard('matter.needs_invitations', (f) => f.invitationCount > 0),
    ],
  },
  startDeliberation: { from: ['announced'], to: 'deliberating', guards: [] },
  resolve: {
    from: ['deliberating'],
    to: 'resolved',
    guards: [
      guard('matter.needs_meeting', (f) => f.meetingsHeld > 0),
      guard('matter.needs_resolution', (f) => f.hasResolution),
    ],
  },
  startImplementation: {
    from: ['resolved', 'referred'],
    to: 'implementing',
    guards: [
      guard('matter.objection_window_open', (f) => f.objectionEndsAt === null || f.objectionEndsAt <= f.now),
      guard('matter.objections_unanswered', (f) => f.unansweredObjections === 0),
      guard('matter.needs_tasks', (f) => f.taskCount > 0),
    ],
  },
  startReview: {
    from: ['implementing'],
    to: 'reviewed',
    guards: [guard('matter.tasks_open', (f) => f.openTaskCount === 0)],
  },
  archive: {
    from: ['reviewed'],
    to: 'archived',
    guards: [
      guard('matter.needs_follow_up', (f) => f.followUpCount > 0),
      guard('matter.needs_supervision_review', (f) => f.hasSupervisionReview),
      // A finding left unanswered at archiving would stay 待答复 for good: the file is sealed after it.
      guard('matter.findings_unanswered', (f) => f.unansweredFindings === 0),
      guard('matter.needs_evaluation', (f) => f.hasEvaluation),
    ],
  },
};

export type TransitionCheck =
  | { ok: true; to: MatterStatus }
  | { ok: false; reason: 'wrong_stage'; from: MatterStatus }
  | { ok: false; reason: 'guard'; failures: GuardFailure[] };

/** Whether `command` may run on a matter with these facts; names every unmet guard. */
export function checkTransition(command: MatterCommand, facts: MatterFacts): TransitionCheck {
  const transition = transitions[command];
  if (!transition.from.includes(facts.status)) return { ok: false, reason: 'wrong_stage', from: facts.status };
  const failures = transition.guards.filter((g) => !g.holds(facts)).map((g) => ({ code: g.code }));
  return failures.length ? { ok: false, reason: 'guard', failures } : { ok: true, to: transition.to };
}

/** The commands whose stage allows them now (guards aside): what the workspace offers. */
export function commandsFrom(status: MatterStatus): MatterCommand[] {
  return (Object.keys(transitions) as MatterCommand[]).filter((c) => transitions[c].from.includes(status));
}

/** What each status enables, besides moving on. */
export type StageCapabilities = {
  canSupport: boolean;
  canEditDetails: boolean;
  canInvite: boolean;
  /** Invitees may still answer 参加 / 不参加: while the list is drawn and meetings may still be held. */
  canReplyToInvitation: boolean;
  canPostNotice: boolean;
  canHoldMeeting: boolean;
  canDiscuss: boolean;
  canDraftResolution: boolean;
  canConfirmResolution: boolean;
  canObject: boolean;
  canManageTasks: boolean;
  canFollowUp: boolean;
  canReview: boolean;
  isWritable: boolean;
};

const none: StageCapabilities = {
  canSupport: false,
  canEditDetails: false,
  canInvite: false,
  canReplyToInvitation: false,
  canPostNotice: false,
  canHoldMeeting: false,
  canDiscuss: false,
  canDraftResolution: false,
  canConfirmResolution: false,
  canObject: false,
  canManageTasks: false,
  canFollowUp: false,
  canReview: false,
  isWritable: true,
};

export const capabilities: Record<MatterStatus, StageCapabilities> = {
  raised: { ...none, canSupport: true, canEditDetails: true },
  escalated: { ...none, canSupport: true },
  accepted: { ...none, canInvite: true, canReplyToInvitation: true, canPostNotice: true, canEditDetails: true },
  announced: {
    ...none,
    canInvite: true,
    canReplyToInvitation: true,
    canPostNotice: true,
    canHoldMeeting: true,
    canDiscuss: true,
  },
  deliberating: {
    ...none,
    canInvite: true,
    canReplyToInvitation: true,
    canPostNotice: true,
    canHoldMeeting: true,
    canDiscuss: true,
    canDraftResolution: true,
  },
  resolved: { ...none, canPostNotice: true, canConfirmResolution: true, canObject: true, canManageTasks: true },
  referred: { ...none, canManageTasks: true },
  implementing: { ...none, canManageTasks: true, canFollowUp: true },
  reviewed: { ...none, canFollowUp: true, canReview: true },
  archived: { ...none, isWritable: false },
  declined: { ...none, isWritable: false },
  merged: { ...none, isWritable: false },
};

/** The matter's states and commands in the shape every lifecycle shares (`matterLifecycle.is.archived`). */
export const matterLifecycle = defineLifecycle({ states: matterStatuses, initial: 'raised', transitions });

const stagesFrom = (first: MatterStage): MatterStage[] => matterStages.slice(matterStages.indexOf(first));

/** Decided: a resolution stands (resolved and every stage after it); a public matter's record is public. */
export const DECIDED_STATUSES: readonly MatterStatus[] = stagesFrom('resolved');
export const isDecided = matterLifecycle.anyOf(DECIDED_STATUSES);

/** Closed for good: no command writes to the matter any more (archived, declined, merged). */
export const CLOSED_STATUSES: readonly MatterStatus[] = matterStatuses.filter((s) => !capabilities[s].isWritable);
export const isClosedMatter = matterLifecycle.anyOf(CLOSED_STATUSES);

/** The stages a matter works through while open, in order: where staff may act on it at all. */
export const WORKING_STAGES: readonly MatterStatus[] = matterStages.filter((s) => capabilities[s].isWritable);

/** Implementation under follow-up (implementing, reviewed): where tasks and follow-ups fall due. */
export const FOLLOW_UP_STATUSES: readonly MatterStatus[] = matterStatuses.filter((s) => capabilities[s].canFollowUp);

/** What a matter's file holds by now: the sections its page shows (each section decides its own forms). */
export type MatterFileSections = {
  hasAnnouncements: boolean;
  hasDiscussion: boolean;
  hasResolution: boolean;
  hasTasks: boolean;
  hasReview: boolean;
};

const reached = (status: MatterStatus, stages: readonly MatterStatus[]) => stages.includes(status);

/** The sections of a matter's file at a status: from acceptance on notices, invitations and meetings… */
export function matterFileSections(status: MatterStatus): MatterFileSections {
  return {
    hasAnnouncements: reached(status, stagesFrom('accepted')),
    hasDiscussion: reached(status, stagesFrom('announced')),
    hasResolution: reached(status, stagesFrom('deliberating')),
    hasTasks: reached(status, ['referred', ...DECIDED_STATUSES]),
    hasReview: reached(status, stagesFrom('implementing')),
  };
}

/** The step number (1–7) of a stage for the timeline; exits show where they left. */
export function stepOf(status: MatterStatus): number | null {
  const index = (matterStages as readonly string[]).indexOf(status);
  return index === -1 ? null : Math.min(index + 1, 7);
}
