import { isIndependentReviewer } from '../../../domain/access';
import type { MatterFacts, MatterStatus } from '../../../domain/matters/stages';
import { todayInChina } from '../../calendar';
import type { DbOrTx } from '../../db/client';
import { clockNow } from '../../clock';
import { matterFactCounts } from './matter-events.repository';

/** Gathers what the stage guards read, in one round trip, inside the command's transaction. */
export async function gatherMatterFacts(tx: DbOrTx, matterId: number, status: MatterStatus): Promise<MatterFacts> {
  const row = await matterFactCounts(tx, matterId);
  return {
    status,
    today: todayInChina(),
    now: clockNow().toISOString(),
    hasTopicNotice: row.topic_notices > 0,
    invitationCount: row.invitations,
    meetingsHeld: row.meetings_held,
    hasResolution: row.has_resolution,
    objectionEndsAt: row.resolution_ends,
    unansweredObjections: row.unanswered,
    taskCount: row.tasks,
    openTaskCount: row.open_tasks,
    followUpCount: row.follow_ups,
    hasSupervisionReview: row.reviewer_grants.some((grants) => isIndependentReviewer(grants, row.place_path)),
    unansweredFindings: row.unanswered_findings,
    hasEvaluation: row.evaluations > 0,
  };
}
