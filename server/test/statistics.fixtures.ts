import { sql } from 'drizzle-orm';
import type { MatterStatus } from '../../domain/matters/stages';
import type { Db } from '../db/client';
import { buildBallot } from './ballot-factories';
import {
  ballotVotes,
  evaluations,
  followUps,
  invitations,
  matters,
  matterStageEntries,
  meetings,
  signIns,
  tasks,
} from '../db/schema';
import { buildMatter } from './matter-factories';

/** An instant at China noon of a day (YYYY-MM-DD), plus `hours`. */
export const chinaNoon = (day: string, hours = 0) => new Date(Date.parse(`${day}T12:00:00+08:00`) + hours * 3_600_000);

/**
 * Writes matters in known states for the statistics tests: the stages entered on given days, an
 * evaluation, meetings with sign-ins, tasks, follow-ups and ballot votes.
 */
export function statisticsBuilder(db: Db, proposerAccountId: number, staffAccountId: number) {
  return {
    async matter(opts: {
      placeId: number;
      /** Statuses with the day each was entered, in order; the last is the matter's status. */
      stages: [MatterStatus, string][];
      kind?: 'livelihood' | 'dispute' | 'public_affair';
      category?: string;
      evaluation?: { outcome: 'positive' | 'neutral' | 'negative'; isDisputeResolved?: boolean };
      title?: string;
    }) {
      const status = opts.stages.at(-1)![0];
      const m = await buildMatter(db, {
        placeId: opts.placeId,
        proposerAccountId,
        status,
        kind: opts.kind,
        title: opts.title,
      });
      for (const [s, day] of opts.stages)
        await db.insert(matterStageEntries).values({ matterId: m.id, status: s, enteredAt: chinaNoon(day) });
      await db
        .update(matters)
        .set({
          category: opts.category ?? 'facilities',
          sealedAt: status === 'archived' ? chinaNoon(opts.stages.at(-1)![1]) : null,
        })
        .where(sql`${matters.id} = ${m.id}`);
      if (opts.evaluation)
        await db.insert(evaluations).values({
          matterId: m.id,
          score: 80,
          outcome: opts.evaluation.outcome,
          isDisputeResolved: opts.evaluation.isDisputeResolved ?? false,
          accountId: staffAccountId,
        });
      return m;
    },

    /** A meeting on `day`; `present` of `invited` invitees signed in. */
    async meeting(
      matterId: number,
      day: string,
      mode: 'on_site' | 'online' | 'hybrid',
      invited: number,
      present: number,
    ) {
      const [meeting] = await db
        .insert(meetings)
        .values({
          matterId,
          mode,
          startsAt: chinaNoon(day),
          signInCode: '1234',
          status: present ? 'closed' : 'scheduled',
          createdBy: staffAccountId,
        })
        .returning();
      for (let i = 0; i < invited; i++) {
        const [inv] = await db
          .insert(invitations)
          .values({ matterId, reason: 'outside', outsideName: `部门${i}` })
          .returning();
        if (i < present)
          await db
            .insert(signIns)
            .values({ meetingId: meeting!.id, invitationId: inv!.id, method: 'staff', markedBy: staffAccountId });
      }
      return meeting!;
    },

    async task(matterId: number, dueOn: string, status: 'open' | 'done') {
      await db
        .insert(tasks)
        .values({ matterId, title: '施工', ownerName: '物业', dueOn, status, createdBy: staffAccountId });
    },

    async followUp(matterId: number, day: string, satisfaction: number) {
      await db
        .insert(followUps)
        .values({ matterId, recordedBy: staffAccountId, method: 'visit', satisfaction, createdAt: chinaNoon(day) });
    },

    /** A matter's ballot with votes cast on `day` through these channels. */
    async votes(matterId: number, placeId: number, placePath: string, day: string, channels: ('online' | 'paper')[]) {
      const { ballot, electors } = await buildBallot(db, {
        matterId,
        placeId,
        placePath,
        createdBy: staffAccountId,
        electors: channels.map(() => ({ residentIds: [] })),
      });
      for (const [i, channel] of channels.entries())
        await db.insert(ballotVotes).values({
          ballotId: ballot.id,
          electorId: electors[i]!.id,
          channel,
          castBy: staffAccountId,
          receiptHash: `r-${ballot.id}-${i}`,
          castAt: chinaNoon(day),
        });
    },
  };
}
