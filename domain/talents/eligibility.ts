import { matterStages, type MatterStatus } from '../matters/stages';
import { isContractedProject, projectLifecycle } from '../projects/lifecycle';
import type { MicroLeaderStatus } from '../training/lifecycle';

/**
 * 领军人才遴选 eligibility: a person's record (what Yishi knows of their training and deliberation work)
 * against the year's thresholds. Pure: the repository loads the record, this decides.
 */

/** A person's record when nominated (computed live while `nominated`, frozen when admitted or ruled out). */
export type TalentRecord = {
  /** Minutes of training sessions the person signed in to (any programme, any year). */
  trainedMinutes: number;
  /** Training programmes the person completed. */
  programmesCompleted: number;
  /** Matters the person convened that reached deliberation (see `convenedMatterStatuses`). */
  mattersConvened: number;
  /** Contracted-or-later projects of social organisations the person is an agent of. */
  projectsRun: number;
  /** Whether the person is an active micro-leader (微领袖). */
  isMicroLeader: boolean;
};

/** The year's thresholds: a record must reach every one. */
export type TalentThresholds = { minTrainedMinutes: number; minMattersConvened: number; minProjectsRun: number };

/**
 * A matter counts as convened by a person once it reached deliberation (协商) under them: the stage
 * where meetings are held, and every stage after it. Matters declined, merged, referred or still
 * being accepted and announced do not count: the person led no deliberation on them.
 */
export const convenedMatterStatuses: readonly MatterStatus[] = matterStages.slice(matterStages.indexOf('deliberating'));

/** A project counts as run once contracted (and every stage after it). */
export const runProjectStatuses = projectLifecycle.states.filter((s) => isContractedProject(s));

/** Only an active micro-leader counts as one (a withdrawn one does not). */
export const activeMicroLeaderStatus: MicroLeaderStatus = 'active';

/** The thresholds a record is checked on, in the order pages list them. */
export const eligibilityFacts = ['trainedMinutes', 'mattersConvened', 'projectsRun'] as const;
export type EligibilityFact = (typeof eligibilityFacts)[number];

/** One threshold's check: the person's figure, the minimum, and whether it is met. */
export type EligibilityLine = { fact: EligibilityFact; value: number; minimum: number; isMet: boolean };

const minimumOf: Record<EligibilityFact, keyof TalentThresholds> = {
  trainedMinutes: 'minTrainedMinutes',
  mattersConvened: 'minMattersConvened',
  projectsRun: 'minProjectsRun',
};

/** Each threshold met or not, with the figures; a figure equal to its minimum meets it. */
export function checkEligibility(record: TalentRecord, thresholds: TalentThresholds): EligibilityLine[] {
  return eligibilityFacts.map((fact) => {
    const value = record[fact];
    const minimum = thresholds[minimumOf[fact]];
    return { fact, value, minimum, isMet: value >= minimum };
  });
}

/** Whether the record meets every threshold. */
export function isEligible(record: TalentRecord, thresholds: TalentThresholds): boolean {
  return checkEligibility(record, thresholds).every((line) => line.isMet);
}

/** Minutes from whole hours (the form speaks hours; the table stores minutes). */
export const hoursToMinutes = (hours: number): number => Math.round(hours * 60);
