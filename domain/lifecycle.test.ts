import { describe, expect, it } from 'vitest';
import {
  CLOSED_STATUSES,
  DECIDED_STATUSES,
  FOLLOW_UP_STATUSES,
  WORKING_STAGES,
  isDecided,
  matterFileSections,
} from './matters/stages';
import { ballotLifecycle, isPastClose, isTakingPapers } from './voting';

describe('lifecycle tables', () => {
  it('gives each state a predicate and a constant, and knows its own states', () => {
    expect(ballotLifecycle.is.open('open')).toBe(true);
    expect(ballotLifecycle.is.open(undefined)).toBe(false);
    expect(ballotLifecycle.state.counting).toBe('counting');
    expect(ballotLifecycle.isState('closed')).toBe(true);
    expect(ballotLifecycle.isState('finished')).toBe(false);
    expect(ballotLifecycle.allows('close', 'counting')).toBe(true);
    expect(ballotLifecycle.allows('open', 'closed')).toBe(false);
  });

  it('derives the matter sets from the stage table', () => {
    expect(DECIDED_STATUSES).toEqual(['resolved', 'implementing', 'reviewed', 'archived']);
    expect(CLOSED_STATUSES).toEqual(['archived', 'declined', 'merged']);
    expect(WORKING_STAGES).toEqual([
      'raised',
      'accepted',
      'announced',
      'deliberating',
      'resolved',
      'implementing',
      'reviewed',
    ]);
    expect(FOLLOW_UP_STATUSES).toEqual(['implementing', 'reviewed']);
    expect(isDecided('implementing')).toBe(true);
    expect(isDecided('referred')).toBe(false);
  });

  it('opens the sections of a matter file as the matter gets there', () => {
    expect(matterFileSections('raised')).toEqual({
      hasAnnouncements: false,
      hasDiscussion: false,
      hasResolution: false,
      hasTasks: false,
      hasReview: false,
    });
    expect(matterFileSections('referred')).toMatchObject({ hasAnnouncements: false, hasTasks: true });
    expect(matterFileSections('reviewed')).toMatchObject({ hasResolution: true, hasReview: true });
  });

  it('reads an open ballot at or past its closing time as due, and counting as taking papers', () => {
    const at = new Date('2026-12-05T10:00:00Z');
    expect(isPastClose({ status: 'open', closesAt: at }, at)).toBe(true);
    expect(isPastClose({ status: 'open', closesAt: new Date(at.getTime() + 1) }, at)).toBe(false);
    expect(isPastClose({ status: 'counting', closesAt: at }, at)).toBe(false);
    expect(isTakingPapers('counting')).toBe(true);
    expect(isTakingPapers('closed')).toBe(false);
  });
});
