import path from 'node:path';
import sharp from 'sharp';
import type { Actor } from '../../domain/access';
import {
  ApplicationBodySchema,
  CallBodySchema,
  ContractBodySchema,
  type NewApplication,
} from '../../contracts/projects';
import type { Db } from '../db/client';
import { LocalFolderStorage } from '../storage';
import { loadActor } from '../plugins/session';
import {
  applyToCall,
  closeProject,
  contractProject,
  linesOf,
  milestonesOf,
  createCall,
  decideProject,
  evaluateProject,
  moveCallBy,
  recordSpending,
  reportMilestone,
  returnProject,
  reviewMilestone,
  saveApplication,
  scoreProject,
  submitApplication,
} from '../modules/projects';
import { accountIdByPhone } from './matters-cast.repository';
import { takeSeedLock } from './seed.repository';
import {
  countCalls,
  ensureAgent,
  ensureServes,
  ensureSocialOrganisation,
  originMatter,
  placeByCode,
} from './projects.repository';

/** The hub social organisation the demo agent (13900000012) acts for; the browser journey applies as it. */
export const DEMO_ORGANISATION = '桐安市益邻社会工作服务中心';
const AGENT_PHONE = '13900000012';

/** How far each seeded project is taken, in order; the call stays open for the journey's own application. */
const stages = [
  'draft',
  'submitted',
  'returned',
  'declined',
  'approved',
  'contracted',
  'midterm_evaluated',
  'final_evaluated',
  'closed',
] as const;
type SeedStage = (typeof stages)[number];

const titles: Record<SeedStage, string> = {
  draft: '楼道文化共建计划',
  submitted: '老旧小区停车协商项目',
  returned: '“邻里议事角”建设项目',
  declined: '社区集市活化项目',
  approved: '青少年参与社区议事项目',
  contracted: '加装电梯协商陪伴项目',
  midterm_evaluated: '垃圾分类楼道议事项目',
  final_evaluated: '老年助餐协商项目',
  closed: '“四治茶座”议事提升项目',
};

/** A plain evidence picture (green band on white): the demo's photo of a milestone. */
const evidencePng = () =>
  sharp({ create: { width: 480, height: 320, channels: 3, background: '#ffffff' } })
    .composite([
      { input: { create: { width: 480, height: 80, channels: 3, background: '#15803d' } }, top: 240, left: 0 },
    ])
    .png()
    .toBuffer();

/**
 * Writes the demo's micro-governance projects through the module's own commands: the city's open 2026 call
 * and one project of the hub organisation at every stage, with spending and milestone evidence where the stage
 * implies them; the closed one arose from a demo matter with follow-ups and shows in the showcase.
 */
export async function seedDemoProjects(db: Db, opts: { dataDir: string }): Promise<number> {
  const actorOf = async (phone: string): Promise<Actor> => loadActor(db, await accountIdByPhone(db, phone), null);
  const [city, agentAccountId] = [await actorOf('13900000002'), await accountIdByPhone(db, AGENT_PHONE)];
  const ta = (await placeByCode(db, 'TA'))!;
  const wutong = (await placeByCode(db, 'TA-01'))!;
  const hebin = (await placeByCode(db, 'TA-01-01'))!;
  // Part A's organisations seed writes these first; insert-if-absent keeps this seed whole on its own.
  const hub = await ensureSocialOrganisation(db, ta, DEMO_ORGANISATION);
  await ensureServes(db, hub, hebin);
  await ensureAgent(db, hub, agentAccountId);
  await ensureSocialOrganisation(db, wutong, '梧桐街道社会组织服务中心');
  const agent = await actorOf(AGENT_PHONE);

  const call = await createCall(
    db,
    city,
    CallBodySchema.parse({
      placeId: ta.id,
      year: 2026,
      title: '2026年城乡社区议事协商提升项目',
      description: '面向社会组织征集微治理项目，围绕议事协商能力提升、“四治融合”和居民急难愁盼事项开展服务。',
      budget: '800,000.00',
      maxPerProject: '100,000.00',
      criteria: [
        { key: 'need', label: '需求契合度', weight: 30 },
        { key: 'plan', label: '方案可行性', weight: 40 },
        { key: 'capacity', label: '组织能力', weight: 30 },
      ],
      opensOn: '2026-03-01',
      closesOn: '2026-12-31',
    }),
  );
  await moveCallBy(db, city, call.id, 'open');
  // The closed project arose from a demo matter with residents' follow-ups, and serves its community too.
  const origin = await originMatter(db, hub);
  if (origin) await ensureServes(db, hub, origin.community);
  const storage = new LocalFolderStorage(path.join(opts.dataDir, 'files'));

  for (const [i, stage] of stages.entries()) {
    const id = await applyToCall(db, agent, call.id, { organisationId: hub, title: titles[stage] });
    const isClosed = stage === 'closed';
    const application: NewApplication = {
      title: titles[stage],
      aims: `开展“${titles[stage]}”，引导居民有事好商量，形成议题征集、协商议事、结果公示、落实回访闭环。`,
      communityIds: isClosed && origin ? [origin.community.id] : [hebin.id],
      matterIds: isClosed && origin ? [origin.id] : [],
      originMatterId: isClosed && origin ? origin.id : null,
      governances: i % 2 === 0 ? ['autonomy', 'virtue'] : ['autonomy', 'law'],
      lines: [
        { name: '活动费', amount: `${30000 + i * 1000}.50` },
        { name: '人员费', amount: '24,999.50' },
        { name: '宣传物料费', amount: '5,000.00' },
      ],
      milestones: [
        { title: '组建楼道议事小组', dueOn: '2026-06-30' },
        { title: '完成结项总结', dueOn: '2026-11-30' },
      ],
      indicators: [
        { label: '开展议事活动', target: '12 场' },
        { label: '参与居民', target: '300 人次' },
      ],
    };
    await saveApplication(db, agent, id, ApplicationBodySchema.parse(application));
    if (stage === 'draft') continue;
    await submitApplication(db, agent, id);
    if (stage === 'submitted') continue;
    if (stage === 'returned') {
      await returnProject(db, city, id, '请补充预算测算依据和居民参与方式。');
      continue;
    }
    await scoreProject(db, city, id, {
      scores: stage === 'declined' ? { need: 60, plan: 55, capacity: 70 } : { need: 88, plan: 85, capacity: 90 },
      comment: '',
    });
    if (stage === 'declined') {
      await decideProject(db, city, id, 'decline', '与本年度征集方向契合度不足。');
      continue;
    }
    await decideProject(db, city, id, 'approve', '');
    if (stage === 'approved') continue;
    const total = (await linesOf(db, id)).reduce((sum, l) => sum + l.amountFen, 0);
    await contractProject(
      db,
      city,
      id,
      ContractBodySchema.parse({
        contractNo: `TA-WZL-2026-${String(i).padStart(3, '0')}`,
        amount: `${Math.floor(total / 100)}.${String(total % 100).padStart(2, '0')}`,
        contractFrom: '2026-05-01',
        contractTo: '2026-12-31',
      }),
    );
    const [first, second] = await milestonesOf(db, id);
    const [activity, staff] = await linesOf(db, id);
    const photo = { fileName: 'evidence.png', contentType: 'image/png' as const, bytes: await evidencePng() };
    await reportMilestone(db, storage, agent, id, first!.id, '已组建楼道议事小组 3 个，召开议事会 4 场。', [photo]);
    await recordSpending(db, agent, id, {
      budgetLineId: activity!.id,
      amount: 1_250_050,
      spentOn: '2026-06-20',
      note: '议事活动场地与物料',
      milestoneId: first!.id,
    });
    await recordSpending(db, agent, id, {
      budgetLineId: staff!.id,
      amount: 1_000_000,
      spentOn: '2026-06-30',
      note: '社工服务人员费',
      milestoneId: null,
    });
    if (stage === 'contracted') continue;
    await reviewMilestone(db, city, id, first!.id, 'accept', '佐证材料齐全。');
    await evaluateProject(db, city, id, { stage: 'midterm', score: 84, comment: '进度符合计划。', achieved: [] });
    if (stage === 'midterm_evaluated') continue;
    await reportMilestone(db, storage, agent, id, second!.id, '完成结项总结，形成议事案例 2 个。', [photo]);
    await reviewMilestone(db, city, id, second!.id, 'accept', '');
    await evaluateProject(db, city, id, {
      stage: 'final',
      score: 91,
      comment: '成效明显，居民认可。',
      achieved: ['14 场', '420 人次'],
    });
    if (stage === 'final_evaluated') continue;
    await closeProject(
      db,
      city,
      id,
      '建成“四治茶座”议事点 1 个，开展议事活动 14 场、居民参与 420 人次，推动解决楼道堆物、停车难等事项 6 件。',
    );
  }
  return stages.length;
}

/** Held while the demo projects are written, so two processes starting together write them once. */
const PROJECTS_LOCK = 727015;

/** Writes the demo projects in one transaction when the database has no call yet. */
export async function seedDemoProjectsIfEmpty(db: Db, opts: { dataDir: string }): Promise<number | undefined> {
  return db.transaction(async (tx) => {
    await takeSeedLock(tx, PROJECTS_LOCK);
    if ((await countCalls(tx)) > 0) return undefined;
    // The commands' own transactions become savepoints: the projects land whole or not at all.
    return seedDemoProjects(tx as unknown as Db, opts);
  });
}
