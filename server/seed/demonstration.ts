import type { Actor } from '../../domain/access';
import type { NewScheme } from '../../contracts/demonstration';
import { SchemeBodySchema } from '../../contracts/demonstration';
import type { Db } from '../db/client';
import { withClock } from '../clock';
import { loadActor } from '../plugins/session';
import {
  applyFor,
  confirmNaming,
  createScheme,
  nameApplication,
  readApplication,
  recommendApplication,
  recordSiteCheck,
  saveDraft,
  scoreApplication,
  submitApplication,
} from '../modules/demonstration';
import { accountIdByPhone } from './matters-cast.repository';
import { staffPhone } from './matters-cast';
import { communityPlaces, countDemonstrationSchemes, takeSeedLock } from './seed.repository';

/** 河滨社区 applies in the browser journey: the seed leaves it without an application. */
const KEPT_CLEAN = 'TA-01-01';

/** The demo city's 2026 scheme (考核细则): seven computed criteria and one evidenced. */
const scheme2026 = (cityId: number): NewScheme => ({
  placeId: cityId,
  year: 2026,
  title: '2026年度议事协商示范社区创建考核细则',
  periodFrom: '2026-01-01',
  periodTo: '2027-01-01',
  passMark: 75,
  noticeDays: 7,
  criteria: [
    {
      key: 'consult',
      title: '协商议事次数',
      kind: 'computed',
      metric: 'consultationsHeld',
      target: 6,
      weight: 20,
      maxScore: 10,
    },
    {
      key: 'satisfy',
      title: '回访满意度',
      kind: 'computed',
      metric: 'satisfaction',
      target: 4.5,
      weight: 15,
      maxScore: 10,
    },
    {
      key: 'implement',
      title: '协商成果落实率',
      kind: 'computed',
      metric: 'implementationRate',
      target: 0.9,
      weight: 15,
      maxScore: 10,
    },
    {
      key: 'density',
      title: '每千户议事事项数',
      kind: 'computed',
      metric: 'mattersPerThousandHouseholds',
      target: 5,
      weight: 10,
      maxScore: 10,
    },
    {
      key: 'pool',
      title: '议事协商成员库规模',
      kind: 'computed',
      metric: 'memberPoolSize',
      target: 20,
      weight: 10,
      maxScore: 10,
    },
    {
      key: 'council',
      title: '议事会覆盖率',
      kind: 'computed',
      metric: 'councilCoverage',
      target: 1,
      weight: 5,
      maxScore: 10,
    },
    {
      key: 'venues',
      title: '“五有”议事阵地',
      kind: 'computed',
      metric: 'venuesMeetingFiveHaves',
      target: 1,
      weight: 10,
      maxScore: 10,
    },
    { key: 'rules', title: '议事制度与工作台账', kind: 'evidenced', weight: 15, maxScore: 20 },
  ],
});

/** How far each seeded application is taken, in community order (河滨社区 left out). */
const stages = ['draft', 'submitted', 'recommended', 'under_review', 'noticed', 'named', 'named'] as const;

/** A clock `days` before now, for the notice of an application whose naming is final already. */
const daysAgo = (days: number) => ({ now: () => new Date(Date.now() - days * 86_400_000) });

/**
 * Writes the 2026 demonstration year through the module's own commands: the city's scheme and
 * applications at each stage, two of them named after their public notice closed.
 */
export async function seedDemoDemonstration(db: Db): Promise<number> {
  const actorOf = async (phone: string): Promise<Actor> => loadActor(db, await accountIdByPhone(db, phone), null);
  const [admin, city] = [await actorOf('13900000001'), await actorOf('13900000002')];
  const townOfficer = await actorOf('13900000003');
  const communities = await communityPlaces(db);
  const cityId = Number(communities[0]!.path.split('/')[1]);
  const scheme = await createScheme(db, city, SchemeBodySchema.parse(scheme2026(cityId)));

  const chosen = communities.map((c, i) => ({ c, number: i + 1 })).filter(({ c }) => c.code !== KEPT_CLEAN);
  for (const [i, stage] of stages.entries()) {
    const { c, number } = chosen[i]!;
    const convenor = await actorOf(staffPhone(number, 1));
    const id = await applyFor(db, convenor, scheme.id, c.id);
    await saveDraft(db, convenor, id, {
      statement: `${c.name}坚持“有事好商量、众人的事情由众人商量”，形成议题征集、协商议事、结果公示、落实回访闭环。`,
      evidence: { rules: `《${c.name}议事协商规则》及2026年议事台账（已在社区公示栏公开）` },
    });
    if (stage === 'draft') continue;
    await submitApplication(db, convenor, id);
    if (stage === 'submitted') continue;
    // The demo town officer serves 梧桐街道; the admin stands in for the other towns' officers.
    const town = c.code.startsWith('TA-01-') ? townOfficer : admin;
    await recommendApplication(db, town, id, '该社区议事协商工作扎实，同意推荐。');
    if (stage === 'recommended') continue;
    await review(db, [city, admin], id);
    if (stage === 'under_review') continue;
    if (stage === 'noticed') {
      await nameApplication(db, city, id);
      continue;
    }
    await withClock(daysAgo(10), () => nameApplication(db, city, id));
    await confirmNaming(db, city, id);
  }
  return stages.length;
}

/** Two city reviewers score every criterion; where the rule's score is low they note why they differ. */
async function review(db: Db, reviewers: Actor[], id: number) {
  const view = await readApplication(db, reviewers[0]!, id);
  for (const [r, reviewer] of reviewers.entries()) {
    const scores = Object.fromEntries(
      view.criteria.map((c) => {
        if (c.kind === 'evidenced') return [c.key, { score: c.maxScore - 2 - r }];
        const floor = c.maxScore * 0.8;
        return (c.computedScore ?? 0) >= floor
          ? [c.key, { score: c.computedScore! }]
          : [c.key, { score: floor, reason: '实地核查工作台账后认定' }];
      }),
    );
    await scoreApplication(db, reviewer, id, { scores });
  }
  await recordSiteCheck(db, reviewers[0]!, id, {
    on: '2026-11-18',
    by: '市社工委 实地核查组',
    findings: '议事场所标识醒目，制度上墙，台账完整。',
  });
}

/** Held while the demonstration year is written, so two processes starting together write it once. */
const DEMONSTRATION_LOCK = 727004;

/** Writes the demonstration year in one transaction when the database has none yet. */
export async function seedDemoDemonstrationIfEmpty(db: Db): Promise<number | undefined> {
  return db.transaction(async (tx) => {
    await takeSeedLock(tx, DEMONSTRATION_LOCK);
    if ((await countDemonstrationSchemes(tx)) > 0) return undefined;
    // The commands' own transactions become savepoints: the year lands whole or not at all.
    return seedDemoDemonstration(tx as unknown as Db);
  });
}
