import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { matterLifecycle } from '../matters/stages';
import { checkEligibility, convenedMatterStatuses, hoursToMinutes, isEligible, type TalentRecord } from './eligibility';

const record = (over: Partial<TalentRecord> = {}): TalentRecord => ({
  trainedMinutes: 720,
  programmesCompleted: 1,
  mattersConvened: 2,
  projectsRun: 1,
  isMicroLeader: true,
  ...over,
});
const thresholds = { minTrainedMinutes: 720, minMattersConvened: 2, minProjectsRun: 1 };

describe('talent eligibility', () => {
  it('meets a threshold exactly at its minimum', () => {
    expect(checkEligibility(record(), thresholds).every((l) => l.isMet)).toBe(true);
    expect(isEligible(record(), thresholds)).toBe(true);
  });

  it('misses by one minute of training, one matter, one project', () => {
    const lines = (r: TalentRecord) =>
      Object.fromEntries(checkEligibility(r, thresholds).map((l) => [l.fact, l.isMet]));
    expect(lines(record({ trainedMinutes: 719 }))).toEqual({
      trainedMinutes: false,
      mattersConvened: true,
      projectsRun: true,
    });
    expect(lines(record({ mattersConvened: 1 }))).toEqual({
      trainedMinutes: true,
      mattersConvened: false,
      projectsRun: true,
    });
    expect(lines(record({ projectsRun: 0 }))).toEqual({
      trainedMinutes: true,
      mattersConvened: true,
      projectsRun: false,
    });
    expect(isEligible(record({ projectsRun: 0 }), thresholds)).toBe(false);
  });

  it('reports the figures and minimums it checked', () => {
    expect(checkEligibility(record({ trainedMinutes: 1440 }), thresholds)[0]).toEqual({
      fact: 'trainedMinutes',
      value: 1440,
      minimum: 720,
      isMet: true,
    });
  });

  it('lets every record through zero thresholds', () => {
    const zero = { minTrainedMinutes: 0, minMattersConvened: 0, minProjectsRun: 0 };
    expect(isEligible(record({ trainedMinutes: 0, mattersConvened: 0, projectsRun: 0 }), zero)).toBe(true);
  });

  it('is eligible exactly when every figure reaches its minimum (property)', () => {
    const n = fc.integer({ min: 0, max: 10_000 });
    fc.assert(
      fc.property(n, n, n, n, n, n, (t, m, p, mt, mm, mp) => {
        const r = record({ trainedMinutes: t, mattersConvened: m, projectsRun: p });
        const th = { minTrainedMinutes: mt, minMattersConvened: mm, minProjectsRun: mp };
        expect(isEligible(r, th)).toBe(t >= mt && m >= mm && p >= mp);
      }),
    );
  });

  it('counts matters from deliberation onwards, never side exits', () => {
    expect(convenedMatterStatuses.some(matterLifecycle.is.deliberating)).toBe(true);
    expect(convenedMatterStatuses.some(matterLifecycle.is.archived)).toBe(true);
    expect(convenedMatterStatuses.some(matterLifecycle.is.accepted)).toBe(false);
    expect(convenedMatterStatuses.some(matterLifecycle.is.declined)).toBe(false);
  });

  it('turns hours into minutes', () => {
    expect(hoursToMinutes(12)).toBe(720);
    expect(hoursToMinutes(0.5)).toBe(30);
  });
});
