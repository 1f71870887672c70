/**
 * A person's training record: minutes attended per programme and whether they may complete it.
 * Pure arithmetic on whole minutes; the server reads the rows, this decides.
 */

/** Sign-in opens this many minutes before a session starts and closes when it ends. */
export const SIGN_IN_OPENS_BEFORE_MINUTES = 30;

/** Minutes attended: the sum of the minutes of each distinct session signed in to. */
export function attendedMinutes(sessions: readonly { sessionId: number; minutes: number }[]): number {
  const seen = new Map<number, number>();
  for (const s of sessions) seen.set(s.sessionId, s.minutes);
  let total = 0;
  for (const minutes of seen.values()) total += minutes;
  return total;
}

/** What a programme asks of a participant to complete it. */
export type CompletionTerms = { requiredMinutes: number; passScore: number };
/** Where a participant stands: minutes attended and the assessment score (null before assessed). */
export type Standing = { attendedMinutes: number; score: number | null };

/** Why a participant may not complete yet, first unmet condition first; undefined when eligible. */
export type CompletionProblem = 'hours_short' | 'score_missing' | 'score_below';

/** The first condition a participant has not met (hours, then assessment), or undefined when eligible. */
export function completionProblem(terms: CompletionTerms, standing: Standing): CompletionProblem | undefined {
  if (standing.attendedMinutes < terms.requiredMinutes) return 'hours_short';
  if (standing.score === null) return 'score_missing';
  if (standing.score < terms.passScore) return 'score_below';
  return undefined;
}

/** Eligible: minutes attended ≥ required AND score ≥ pass score. */
export const isEligibleToComplete = (terms: CompletionTerms, standing: Standing): boolean =>
  completionProblem(terms, standing) === undefined;

/** Whether a code may sign in at `now`: from 30 minutes before the start until the session ends. */
export function isWithinSignInWindow(now: Date, session: { startsAt: Date; minutes: number }): boolean {
  const start = session.startsAt.getTime();
  const t = now.getTime();
  return t >= start - SIGN_IN_OPENS_BEFORE_MINUTES * 60_000 && t <= start + session.minutes * 60_000;
}

/**
 * Minutes as hours for display, with at most two decimals and no float drift: 90 → "1.5", 720 → "12",
 * 20 → "0.33" (rounded half up on the hundredths).
 */
export function minutesAsHours(minutes: number): string {
  const hundredths = Math.floor((minutes * 100 + 30) / 60);
  const whole = Math.floor(hundredths / 100);
  const rest = hundredths % 100;
  if (rest === 0) return String(whole);
  const digits = String(rest).padStart(2, '0').replace(/0$/, '');
  return `${whole}.${digits}`;
}
