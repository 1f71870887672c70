import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { invitations, matterEvents, matters, matterSupports, signIns } from '../db/schema';

/** Rows whose `created_at` PostgreSQL fills, each named by an id in its chain entry's payload. */
const byPayloadId: readonly (readonly [table: string, actions: string, key: string])[] = [
  ['comments', `'comment.post'`, 'commentId'],
  ['notices', `'notice.post'`, 'noticeId'],
  ['meetings', `'meeting.schedule'`, 'meetingId'],
  ['minutes', `'minutes.draft'`, 'minutesId'],
  ['objections', `'objection.raise'`, 'objectionId'],
  ['tasks', `'task.create'`, 'taskId'],
  ['task_progress', `'task.progress'`, 'progressId'],
  ['follow_ups', `'follow_up.record', 'follow_up.rate'`, 'followUpId'],
  ['supervision_reviews', `'supervision.review'`, 'reviewId'],
  ['evaluations', `'evaluation.record'`, 'evaluationId'],
];

/**
 * The services stamp some rows from the story clock and leave `created_at` to PostgreSQL's now()
 * (the real time of seeding). So that statistics and pages read one history, each demo row's
 * `created_at` (and a sign-in's `at`) is set to the time of the chain entry that wrote it. Chain
 * entries themselves are never touched: every chain verifies as written.
 */
export async function alignCreatedAt(db: Db): Promise<void> {
  await db.execute(sql`
    update ${matters} m set created_at = e.at from ${matterEvents} e where e.matter_id = m.id and e.seq = 1`);
  for (const [table, actions, key] of byPayloadId) {
    await db.execute(
      sql.raw(`update ${table} t set created_at = e.at from matter_events e
        where e.action in (${actions}) and (e.payload ->> '${key}')::int = t.id`),
    );
  }
  await db.execute(sql`
    update ${signIns} s set at = e.at from ${matterEvents} e
     where e.action in ('meeting.signIn', 'meeting.markAttendance') and (e.payload ->> 'invitationId')::int = s.invitation_id
       and (e.payload ->> 'meetingId')::int = s.meeting_id`);
  await db.execute(sql`
    update ${matterSupports} s set created_at = e.at from ${matterEvents} e
     where e.action = 'support' and e.matter_id = s.matter_id and e.actor_account_id = s.account_id`);
  await db.execute(sql`
    update ${invitations} i set created_at = first.at
      from (select matter_id, min(at) as at from ${matterEvents} where action = 'invitations.add' group by matter_id) first
     where first.matter_id = i.matter_id`);
}
