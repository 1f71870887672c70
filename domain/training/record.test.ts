import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SIGN_IN_OPENS_BEFORE_MINUTES,
  attendedMinutes,
  completionProblem,
  isEligibleToComplete,
  isWithinSignInWindow,
  minutesAsHours,
} from './record';

const terms = { requiredMinutes: 720, passScore: 60 };

describe('attendedMinutes', () => {
  it('sums the minutes of the sessions signed in to', () => {
    expect(
      attendedMinutes([
        { sessionId: 1, minutes: 120 },
        { sessionId: 2, minutes: 90 },
      ]),
    ).toBe(210);
  });
  it('counts a session once however often it appears', () => {
    expect(
      attendedMinutes([
        { sessionId: 1, minutes: 120 },
        { sessionId: 1, minutes: 120 },
      ]),
    ).toBe(120);
  });
  it('is zero with no sign-ins', () => expect(attendedMinutes([])).toBe(0));
  it('equals the sum over distinct sessions (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(1000), { maxLength: 20 }), fc.nat(600), (ids, minutes) => {
        const sessions = ids.map((sessionId) => ({ sessionId, minutes: minutes + 1 }));
        expect(attendedMinutes([...sessions, ...sessions])).toBe(ids.length * (minutes + 1));
      }),
    );
  });
});

describe('completionProblem', () => {
  it('refuses one minute short of the required hours, even with a full score', () => {
    expect(completionProblem(terms, { attendedMinutes: 719, score: 100 })).toBe('hours_short');
  });
  it('accepts exactly the required minutes and exactly the pass score', () => {
    expect(completionProblem(terms, { attendedMinutes: 720, score: 60 })).toBeUndefined();
    expect(isEligibleToComplete(terms, { attendedMinutes: 720, score: 60 })).toBe(true);
  });
  it('refuses a score one below the pass score', () => {
    expect(completionProblem(terms, { attendedMinutes: 720, score: 59 })).toBe('score_below');
  });
  it('refuses before the assessment is recorded', () => {
    expect(completionProblem(terms, { attendedMinutes: 800, score: null })).toBe('score_missing');
  });
  it('names the hours first when both are unmet', () => {
    expect(completionProblem(terms, { attendedMinutes: 0, score: 0 })).toBe('hours_short');
  });
  it('a pass score of 0 accepts a score of 0', () => {
    expect(completionProblem({ requiredMinutes: 1, passScore: 0 }, { attendedMinutes: 1, score: 0 })).toBeUndefined();
  });
  it('is eligible exactly when minutes ≥ required and score ≥ pass (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.nat(6000),
        fc.option(fc.integer({ min: 0, max: 100 })),
        (requiredMinutes, passScore, minutes, score) => {
          const eligible = isEligibleToComplete(
            { requiredMinutes, passScore },
            { attendedMinutes: minutes, score: score ?? null },
          );
          expect(eligible).toBe(minutes >= requiredMinutes && score !== null && score >= passScore);
        },
      ),
    );
  });
});

describe('isWithinSignInWindow', () => {
  const startsAt = new Date('2026-12-06T06:00:00Z');
  const session = { startsAt, minutes: 120 };
  const at = (offsetMinutes: number) => new Date(startsAt.getTime() + offsetMinutes * 60_000);
  it('opens 30 minutes before the start', () => {
    expect(isWithinSignInWindow(at(-SIGN_IN_OPENS_BEFORE_MINUTES), session)).toBe(true);
    expect(isWithinSignInWindow(at(-SIGN_IN_OPENS_BEFORE_MINUTES - 1), session)).toBe(false);
  });
  it('stays open until the session ends, not a minute after', () => {
    expect(isWithinSignInWindow(at(120), session)).toBe(true);
    expect(isWithinSignInWindow(at(121), session)).toBe(false);
  });
});

describe('minutesAsHours', () => {
  it('shows whole hours without decimals', () => expect(minutesAsHours(720)).toBe('12'));
  it('shows half hours', () => expect(minutesAsHours(90)).toBe('1.5'));
  it('rounds to hundredths', () => {
    expect(minutesAsHours(20)).toBe('0.33');
    expect(minutesAsHours(40)).toBe('0.67');
    expect(minutesAsHours(0)).toBe('0');
  });
  it('never drifts from the exact value by more than half a hundredth (property)', () => {
    fc.assert(
      fc.property(fc.nat(100_000), (m) => {
        expect(Math.abs(Number(minutesAsHours(m)) * 60 - m)).toBeLessThanOrEqual(0.3 + 1e-9);
      }),
    );
  });
});
