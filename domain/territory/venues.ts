import { defineLifecycle } from '../lifecycle';
import type { PlaceKind } from './places';

/**
 * 议事阵地: the places where a community deliberates, built to the "five haves" (五有) of the
 * Tongxiang practice. Closed lists and the pure five-haves rule; the facts come from the repository.
 */

/** What a venue is: 议事厅 hall, 四治茶座-style workstation, an outdoor spot (桂花树下), other. */
export const venueKinds = ['hall', 'workstation', 'outdoor', 'other'] as const;
export type VenueKind = (typeof venueKinds)[number];

/** The places a venue may be registered at: a community, an estate or a building. */
export const venuePlaceKinds = ['community', 'estate', 'building'] as const satisfies readonly PlaceKind[];

/** Accessibility a venue may offer, in the order forms list them. */
export const venueAccessibilityFeatures = [
  'step_free',
  'accessible_toilet',
  'hearing_loop',
  'wheelchair_space',
  'large_print',
] as const;
export type VenueAccessibility = (typeof venueAccessibilityFeatures)[number];

/** What a venue file shows: the signage (evidence of 有醒目标识) or the venue itself. */
export const venuePhotoPurposes = ['signage', 'photo'] as const;
export type VenuePhotoPurpose = (typeof venuePhotoPurposes)[number];

/**
 * 五有, in the standard's order: 有醒目标识, 有组织机构, 有议事制度, 有活动内容, 有公开公示. The last two are
 * derived from meetings held and the notice board, never typed.
 */
export const fiveHaves = ['signage', 'organisation', 'rules', 'activities', 'notices'] as const;
export type FiveHave = (typeof fiveHaves)[number];

/** The town's review of a venue: draft → submitted → approved | returned; a change sends it back to draft. */
export const venueReviewStatuses = ['draft', 'submitted', 'approved', 'returned'] as const;
export type VenueReviewStatus = (typeof venueReviewStatuses)[number];

export const venueReviewLifecycle = defineLifecycle({
  states: venueReviewStatuses,
  initial: 'draft',
  transitions: {
    submit: { from: ['draft', 'returned'], to: 'submitted' },
    approve: { from: ['submitted'], to: 'approved' },
    return: { from: ['submitted'], to: 'returned' },
    // An edit or new evidence invalidates a review under way or given: the town looks again.
    invalidate: { from: ['submitted', 'approved'], to: 'draft' },
  },
});

/** 有活动内容 looks back this many months for a meeting held at the venue. */
export const ACTIVITY_MONTHS = 12;
/** 有公开公示 looks back this many days for a notice on the community's board. */
export const NOTICE_DAYS = 30;

/** The China days bounding the look-backs for `today` (YYYY-MM-DD): `[from, to)` as the statistics use. */
export function fiveHavesWindows(today: string): {
  activities: { from: string; to: string };
  noticesSince: string;
} {
  const day = new Date(`${today}T00:00:00Z`);
  const tomorrow = new Date(day.getTime() + 86_400_000).toISOString().slice(0, 10);
  const yearAgo = new Date(day);
  yearAgo.setUTCMonth(yearAgo.getUTCMonth() - ACTIVITY_MONTHS);
  const noticesSince = new Date(day.getTime() - NOTICE_DAYS * 86_400_000).toISOString().slice(0, 10);
  return { activities: { from: yearAgo.toISOString().slice(0, 10), to: tomorrow }, noticesSince };
}

/** What the repository reads about one venue; null/0 where there is nothing. */
export type VenueFacts = {
  signageFileId: number | null;
  organisationName: string | null;
  /** The venue's current (latest effective) rules version. */
  rules: { title: string; effectiveFrom: string } | null;
  /** Meetings at the venue held (≥ 1 sign-in) in the activity window, and the latest one's start. */
  activities: { count: number; lastAt: string | null };
  /** Notices on the community's board in the notice window, and the latest one's first day. */
  notices: { count: number; lastOn: string | null };
};

/** One have: met or missing, with the evidence it rests on (a label, a count, a date). */
export type FiveHaveCheck = {
  have: FiveHave;
  isMet: boolean;
  label: string | null;
  count: number | null;
  at: string | null;
};

/** The five haves of a venue from its facts, in the standard's order. */
export function checkFiveHaves(facts: VenueFacts): FiveHaveCheck[] {
  const none = { label: null, count: null, at: null };
  const checks: Record<FiveHave, FiveHaveCheck> = {
    signage: { have: 'signage', isMet: facts.signageFileId !== null, ...none },
    organisation: {
      have: 'organisation',
      isMet: facts.organisationName !== null,
      ...none,
      label: facts.organisationName,
    },
    rules: {
      have: 'rules',
      isMet: facts.rules !== null,
      ...none,
      label: facts.rules?.title ?? null,
      at: facts.rules?.effectiveFrom ?? null,
    },
    activities: {
      have: 'activities',
      isMet: facts.activities.count > 0,
      label: null,
      count: facts.activities.count,
      at: facts.activities.lastAt,
    },
    notices: {
      have: 'notices',
      isMet: facts.notices.count > 0,
      label: null,
      count: facts.notices.count,
      at: facts.notices.lastOn,
    },
  };
  return fiveHaves.map((h) => checks[h]);
}

/** The haves still missing. */
export const missingHaves = (checks: readonly FiveHaveCheck[]): FiveHave[] =>
  checks.filter((c) => !c.isMet).map((c) => c.have);

/** Whether all five are met. */
export const meetsFiveHaves = (checks: readonly FiveHaveCheck[]): boolean => missingHaves(checks).length === 0;

/** A meeting at a venue without an end books it this long. */
export const DEFAULT_BOOKING_MINUTES = 120;

/** The end a booking takes: the given end, or the start plus the default length. */
export function bookingEnd(startsAt: Date, endsAt: Date | null | undefined): Date {
  return endsAt ?? new Date(startsAt.getTime() + DEFAULT_BOOKING_MINUTES * 60_000);
}

/** Whether two half-open periods [start, end) overlap (touching ends do not). */
export const periodsOverlap = (a: { start: Date; end: Date }, b: { start: Date; end: Date }): boolean =>
  a.start < b.end && b.start < a.end;
