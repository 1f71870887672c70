import type { MatterStatus } from '../../domain/matters/stages';
import type { MatterVisibility } from '../../domain/matters/visibility';
import { addInvitations, postNotice } from '../modules/announcements';
import { confirmProposals } from '../modules/publication';
import { archiveMatter } from '../modules/archive';
import { postComment } from '../modules/discussion';
import {
  addProgress,
  completeTask,
  createTask,
  recordEvaluation,
  recordFollowUp,
  recordSupervision,
} from '../modules/implementation';
import {
  acceptMatter,
  advanceMatter,
  declineMatter,
  escalateMatter,
  mergeMatter,
  raiseMatter,
  supportMatter,
} from '../modules/matters';
import { closeMeeting, draftMinutes, markAttendance, publishMinutes, signInByCode } from '../modules/meetings';
import {
  answerObjection,
  confirmResolution,
  draftResolution,
  raiseObjection,
  resolveMatter,
} from '../modules/resolutions';
import type { FileStorage } from '../storage';
import type { Db } from '../db/client';
import type { Community, Person, PlaceRef } from './matters-cast';
import type { StoryClock } from './matters-clock';
import { scheduleAtHall } from './venues';
import type { Story } from './matters-stories';
import type { Rng } from './random';
import type { Governance } from '../../domain/governance/governances';
import { invitationIdsOf } from './seed.repository';
import { referMatter } from '../modules/departments';
import { demoDepartmentFor } from './departments';

/** Where a demo matter stops: a stage of the loop or a side exit. */
export type Outcome = Exclude<MatterStatus, 'merged'>;

export type Plan = {
  story: Story;
  community: Community;
  place: PlaceRef;
  title: string;
  outcome: Outcome;
  proposer: Person;
  neighbours: Person[];
  formatId: number;
  /** 四治 the convenor tags at acceptance (seed/governances.ts). */
  governances: Governance[];
  visibility: MatterVisibility;
  /** A neighbour raises the same thing again; the convenor merges it into this matter. */
  duplicate?: Person;
  /** Implementing with a task past its due day. */
  isOverdue?: boolean;
};

export type Ctx = { db: Db; rng: Rng; clock: StoryClock; storage: FileStorage };

const order: readonly MatterStatus[] = [
  'raised',
  'accepted',
  'announced',
  'deliberating',
  'resolved',
  'implementing',
  'reviewed',
  'archived',
];
const reaches = (plan: Plan, stage: MatterStatus) => order.indexOf(plan.outcome) >= order.indexOf(stage);

/** Runs one matter's story through the services, the clock moving on between steps. */
export async function driveMatter(ctx: Ctx, plan: Plan): Promise<number> {
  const { db, rng, clock } = ctx;
  const { community: c, story, proposer } = plan;
  const wait = (min: number, max: number) => clock.advance(min + rng.next() * (max - min));
  /** Up to seven minutes: one arrival after another, one step after the last. */
  const aFewMinutes = () => clock.advance(rng.next() * 0.005);
  const { id } = await raiseMatter(db, proposer.actor, {
    placeId: plan.place.id,
    level: story.level,
    kind: story.kind,
    category: story.category,
    title: plan.title,
    description: story.text,
  });
  for (const n of plan.neighbours.slice(0, rng.int(1, 2))) {
    wait(0.1, 0.8);
    await supportMatter(db, n.actor, id);
  }
  wait(1, 3);
  switch (plan.outcome) {
    case 'raised':
      return id;
    case 'declined':
      await declineMatter(
        db,
        c.convenor,
        id,
        '经核实，该问题已纳入街道年度计划统一解决，不再单独议事，已向提议人说明。',
      );
      return id;
    case 'escalated':
      await escalateMatter(db, c.convenor, id, '涉及范围超出本级，需上一级统筹协调。');
      return id;
    case 'referred':
      await referMatter(db, c.convenor, id, {
        departmentId: await demoDepartmentFor(db, c.path),
        dueOn: clock.day(20),
        note: '请按职责办理并答复社区。',
      });
      return id;
  }
  const { formatId, visibility, governances } = plan;
  await acceptMatter(db, c.convenor, id, { level: story.level, formatId, visibility, governances });
  if (plan.duplicate) {
    wait(0.2, 1);
    const { id: copy } = await raiseMatter(db, plan.duplicate.actor, {
      placeId: plan.place.id,
      level: story.level,
      kind: story.kind,
      category: story.category,
      title: `${plan.title}的问题`,
      description: `${story.text}（邻居也反映过）`,
    });
    wait(0.1, 0.5);
    await mergeMatter(db, c.convenor, copy, id);
  }
  if (!reaches(plan, 'announced')) return id;

  wait(0.3, 1);
  await postNotice(db, c.convenor, id, {
    kind: 'topic',
    title: `关于“${plan.title}”的议题公示`,
    body: `${story.text}\n现将议题予以公示，欢迎居民参与协商。`,
    startsOn: clock.day(),
    endsOn: clock.day(7),
  });
  aFewMinutes();
  await addInvitations(db, c.convenor, id, {
    poolTags: c.isRural ? ['村民代表', '乡贤'] : ['楼栋长', '党员'],
    residentIds: [proposer.residentId, ...plan.neighbours.map((n) => n.residentId)],
    affectedScope: 'owners',
    ...(story.level === 'building' ? { affectedPlaceId: plan.place.id } : {}),
  });
  wait(0.5, 2);
  await advanceMatter(db, c.convenor, id, 'announce');
  if (!reaches(plan, 'deliberating')) return id;

  wait(1, 3);
  await advanceMatter(db, c.convenor, id, 'startDeliberation');
  const speakers = [proposer, ...plan.neighbours];
  wait(0.05, 0.5);
  await postComment(db, proposer.actor, id, { stance: 'for', body: story.voices[0] });
  wait(0.2, 1);
  await postComment(db, speakers[1 + rng.int(0, speakers.length - 2)]!.actor, id, {
    stance: 'against',
    body: story.voices[1],
  });
  wait(0.5, 2);
  const meeting = await scheduleAtHall(
    db,
    c.convenor,
    id,
    {
      mode: rng.chance(0.8) ? 'on_site' : 'hybrid',
      venue: c.isRural ? `${c.name}文化礼堂` : `${c.name}党群服务中心议事厅`,
      onlineLink: 'https://meeting.example.cn/yishi',
      startsAt: clock.iso(3),
      agenda: `一、提议人介绍“${plan.title}”\n二、各方发表意见\n三、形成议事结果`,
    },
    c.hallId,
  );
  if (!reaches(plan, 'resolved')) return id;

  clock.advance(3);
  await signInByCode(db, proposer.actor, meeting.id, meeting.signInCode);
  for (const n of plan.neighbours.slice(0, 1)) {
    aFewMinutes();
    await signInByCode(db, n.actor, meeting.id, meeting.signInCode);
  }
  const others = await invitationIdsOf(db, id);
  for (const inv of rng.shuffle(others).slice(0, rng.int(1, 2))) {
    aFewMinutes();
    await markAttendance(db, c.convenor, meeting.id, inv.id);
  }
  clock.advance(0.1);
  await closeMeeting(db, c.convenor, meeting.id);
  const minutes = await draftMinutes(
    db,
    c.convenor,
    meeting.id,
    `会议由${c.name}召集。提议人${proposer.name}介绍了情况。\n支持意见：${story.voices[0]}\n不同意见：${story.voices[1]}\n经充分协商，形成一致意见：${story.resolution}`,
  );
  wait(0.5, 1.5);
  await confirmProposals(db, c.convenor, id, ['minutes']);
  await publishMinutes(db, c.convenor, minutes.id);
  await draftResolution(db, c.convenor, id, {
    body: story.resolution,
    basis: 'consensus',
    meetingId: meeting.id,
    objectionDays: 5,
  });
  aFewMinutes();
  if (plan.visibility === 'public') await confirmProposals(db, c.convenor, id, ['resolution']);
  await resolveMatter(db, c.convenor, id);
  // 结果公示 on the notice board for the matters shown to the public, with its public text confirmed.
  if (plan.visibility === 'public') {
    await postNotice(db, c.convenor, id, {
      kind: 'result',
      title: `“${plan.title}”议事结果公示`,
      body: `${story.resolution}\n公示期内如有异议，可在平台提出。`,
      startsOn: clock.day(),
      endsOn: clock.day(5),
    });
    await confirmProposals(db, c.convenor, id, ['notice_title', 'notice_body']);
  }
  wait(0.2, 1);
  await confirmResolution(db, proposer.actor, id);
  const objector = plan.neighbours[2];
  if (objector && rng.chance(0.4)) {
    wait(0.5, 2);
    const objection = await raiseObjection(db, objector.actor, id, '希望把费用和工期再公开得细一些。');
    if (plan.outcome !== 'resolved') {
      wait(0.3, 1);
      await answerObjection(db, c.convenor, objection.id, '费用明细和工期安排将在公示栏和平台同步公开，欢迎监督。');
    }
  }
  if (!reaches(plan, 'implementing')) return id;

  clock.advance(5.5);
  const taskIds: number[] = [];
  for (const [title, ownerName] of story.tasks) {
    const due = plan.isOverdue ? rng.int(8, 15) : rng.int(20, 45);
    taskIds.push(
      (
        await createTask(db, c.convenor, id, {
          title,
          ownerName,
          ownerAccountId: c.grid.accountId,
          dueOn: clock.day(due),
        })
      ).id,
    );
  }
  await advanceMatter(db, c.convenor, id, 'startImplementation');
  // Progress half-way on every open task; finished matters show it on their first task only.
  for (const taskId of plan.outcome === 'implementing' ? taskIds : taskIds.slice(0, 1)) {
    wait(2, 6);
    await addProgress(db, ctx.storage, c.grid, taskId, {
      note: '已完成前期准备，正在推进。',
      percent: rng.int(3, 6) * 10,
    });
  }
  if (!reaches(plan, 'reviewed')) return id;

  for (const taskId of taskIds) {
    wait(4, 10);
    await addProgress(db, ctx.storage, c.grid, taskId, { note: '已完成，现场核验无误。', percent: 100 });
    await completeTask(db, c.convenor, taskId);
  }
  wait(1, 3);
  await advanceMatter(db, c.convenor, id, 'startReview');
  if (!reaches(plan, 'archived')) return id;

  const satisfaction = rng.chance(0.7) ? rng.int(4, 5) : rng.int(2, 3);
  await recordFollowUp(db, c.grid, id, {
    method: rng.pick(['visit', 'phone'] as const),
    residentId: proposer.residentId,
    satisfaction,
    comment: satisfaction >= 4 ? '居民表示满意。' : '居民认为还可以做得更好。',
  });
  if (rng.chance(0.5)) {
    wait(0.5, 2);
    await recordFollowUp(db, proposer.actor, id, { method: 'self', satisfaction, comment: '' });
  }
  wait(1, 4);
  await recordSupervision(db, c.supervisor, id, {
    verdict: satisfaction >= 3 ? 'satisfactory' : 'needs_work',
    comment: satisfaction >= 3 ? '程序完整，落实到位。' : '落实基本到位，建议三个月后回头看。',
    ...(satisfaction < 3 ? { lookBackOn: clock.day(90) } : {}),
  });
  wait(0.5, 2);
  const score = satisfaction * 18 + rng.int(0, 10);
  await recordEvaluation(db, c.convenor, id, {
    score,
    outcome: score >= 70 ? 'positive' : score >= 50 ? 'neutral' : 'negative',
    isDisputeResolved: story.kind === 'dispute' ? satisfaction >= 3 : false,
    comment: '议事过程规范，结果得到多数居民认可。',
  });
  wait(0.2, 1);
  await archiveMatter(db, c.convenor, id);
  return id;
}
