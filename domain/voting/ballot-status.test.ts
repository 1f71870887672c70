import { describe, expect, it } from 'vitest';
import { ballotStatusCapabilities, effectiveBallotStatus } from './ballot-status';

describe('ballot states', () => {
  const now = new Date('2026-12-05T10:00:00Z');
  const past = new Date('2026-12-05T09:59:59Z');
  const future = new Date('2026-12-05T10:00:01Z');

  it('moves an open ballot past its closing time to counting when papers are in use, else to closed', () => {
    expect(effectiveBallotStatus({ status: 'open', closesAt: past, usesPapers: true }, now)).toBe('counting');
    expect(effectiveBallotStatus({ status: 'open', closesAt: past, usesPapers: false }, now)).toBe('closed');
    expect(effectiveBallotStatus({ status: 'open', closesAt: now, usesPapers: false }, now)).toBe('closed');
    expect(effectiveBallotStatus({ status: 'open', closesAt: future, usesPapers: true }, now)).toBe('open');
  });

  it('keeps draft, counting and closed as stored', () => {
    for (const status of ['draft', 'counting', 'closed'] as const) {
      expect(effectiveBallotStatus({ status, closesAt: past, usesPapers: true }, now)).toBe(status);
    }
  });

  it('takes papers but no other votes while counting, and shows a result only when closed', () => {
    expect(ballotStatusCapabilities.counting).toEqual({ takesVotes: false, takesPapers: true, hasResult: false });
    expect(ballotStatusCapabilities.open).toMatchObject({ takesVotes: true, takesPapers: true });
    expect(ballotStatusCapabilities.closed).toEqual({ takesVotes: false, takesPapers: false, hasResult: true });
  });
});
