import { organisationAgents, organisationCommunities, organisations } from '../db/schema';
import type { NewApplication, NewCall } from '../../contracts/projects';
import { afterDeliberationWorld } from './after-deliberation.fixtures';
import { buildStaff } from './factories';

/** A city call's terms: ¥500,000 budget, ¥100,000.00 per project, two criteria. */
export const callBody = (placeId: number, overrides: Partial<NewCall> = {}): NewCall => ({
  placeId,
  year: 2026,
  title: '2026年城乡社区议事协商提升项目',
  description: '面向社会组织征集微治理项目',
  budget: '500,000.00',
  maxPerProject: '100000',
  criteria: [
    { key: 'need', label: '需求契合', weight: 40 },
    { key: 'plan', label: '方案可行', weight: 60 },
  ],
  opensOn: '2026-03-01',
  closesOn: '2026-04-30',
  ...overrides,
});

/** An application serving `communityId`: two lines (¥30,000.50 + ¥19,999.50), two milestones, one indicator. */
export const applicationBody = (communityId: number, overrides: Partial<NewApplication> = {}): NewApplication => ({
  title: '河滨社区楼道议事微治理',
  aims: '以楼道议事会推动加装电梯等楼栋事务',
  communityIds: [communityId],
  matterIds: [],
  originMatterId: null,
  governances: ['autonomy', 'virtue'],
  lines: [
    { name: '活动费', amount: '30,000.50' },
    { name: '人员费', amount: '19999.5' },
  ],
  milestones: [
    { title: '组建楼道议事会', dueOn: '2026-06-30' },
    { title: '完成结项总结', dueOn: '2026-11-30' },
  ],
  indicators: [{ label: '开展议事活动', target: '12 场' }],
  ...overrides,
});

/**
 * The demonstration world plus officers of the city and both towns, and two social organisations registered
 * at the city, each with an agent: 益邻 serves 河滨社区 and 新联村, 守望 serves the other town's community.
 */
export async function projectsWorld() {
  const w = await afterDeliberationWorld();
  const { db, territory: p } = w;
  const login = async (role: 'city_officer' | 'town_officer' | 'organisation_agent', placeId: number) => {
    const account = await buildStaff(db, { role, placeId });
    return { account, client: await w.t.loginByCode(account.phone) };
  };
  const city = await login('city_officer', p.city.id);
  const town = await login('town_officer', p.town.id);
  const otherTown = await login('town_officer', p.otherTown.id);
  const organisation = async (name: string, served: { id: number; path: string }[]) => {
    const [org] = await db
      .insert(organisations)
      .values({ placeId: p.city.id, placePath: p.city.path, name, kind: 'social_organisation' })
      .returning();
    for (const place of served)
      await db
        .insert(organisationCommunities)
        .values({ organisationId: org!.id, placeId: place.id, placePath: place.path });
    const agent = await login('organisation_agent', p.city.id);
    await db.insert(organisationAgents).values({ organisationId: org!.id, accountId: agent.account.id });
    return { org: org!, agent };
  };
  const yilin = await organisation('桐安市益邻社会工作服务中心', [p.community, p.village]);
  const shouwang = await organisation('桐安市邻里守望志愿服务队', [p.otherCommunity]);
  return { ...w, city, town, otherTown, yilin, shouwang };
}
export type ProjectsWorld = Awaited<ReturnType<typeof projectsWorld>>;
