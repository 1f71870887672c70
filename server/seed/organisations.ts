import { creditCodeCheckChar } from '../../domain/organisations/credit-code';
import type { StructureTier } from '../../domain/organisations/structure';
import type { Db } from '../db/client';
import {
  ensureAgent,
  ensureCategory,
  ensureServing,
  ensureSocialOrganisation,
  placesByCode,
} from './organisations.repository';
import { takeSeedLock } from './seed.repository';

/** Held while the organisations are written, so two processes starting together write them once. */
const ORGANISATIONS_LOCK = 727015;

/** The demo social organisation's agent (DEMO_ACCOUNTS). */
export const ORGANISATION_AGENT_PHONE = '13900000012';

/** 桐安市's "1+3+N": one hub per town, three core categories per community, and others. */
const categories: { name: string; tier: StructureTier; description: string }[] = [
  { name: '枢纽型社会组织', tier: 'hub', description: '社会组织服务中心，每个镇（街道）一个，孵化和支持辖区社会组织' },
  { name: '专业社工机构', tier: 'core', description: '持证社工驻点，开展个案、小组和社区工作' },
  { name: '志愿服务组织', tier: 'core', description: '组织居民志愿者参与社区服务' },
  { name: '调解议事类组织', tier: 'core', description: '化解邻里纠纷，主持议事协商' },
  { name: '文体娱乐类', tier: 'other', description: '文体团队和兴趣社团' },
  { name: '公益慈善类', tier: 'other', description: '公益项目和慈善救助' },
  { name: '养老托育类', tier: 'other', description: '为老服务和托育服务' },
];

type DemoOrganisation = {
  name: string;
  at: string;
  category: string;
  serves: string[];
  capabilities: string[];
  canDeliberate?: boolean;
  brand?: string;
  agent?: string;
};

/**
 * A dozen organisations, with gaps: 河滨社区 (TA-01-01) has a 专业社工机构 and a 志愿服务组织 but no
 * 调解议事类组织 (the journey fills it); TA-01-02 and TA-03-01 are fully covered.
 */
const demoOrganisations: DemoOrganisation[] = [
  {
    name: '梧桐街道社会组织服务中心',
    at: 'TA-01',
    category: '枢纽型社会组织',
    serves: ['TA-01'],
    capabilities: ['孵化培育', '项目督导'],
  },
  {
    name: '凤鸣街道社会组织服务中心',
    at: 'TA-02',
    category: '枢纽型社会组织',
    serves: ['TA-02'],
    capabilities: ['孵化培育'],
  },
  {
    name: '河山镇社会组织服务中心',
    at: 'TA-03',
    category: '枢纽型社会组织',
    serves: ['TA-03'],
    capabilities: ['孵化培育', '乡村振兴'],
  },
  {
    name: '桐安市益邻社会工作服务中心',
    at: 'TA',
    category: '专业社工机构',
    serves: ['TA-01-01', 'TA-01-02', 'TA-02-01'],
    capabilities: ['个案辅导', '议事主持', '为老服务'],
    canDeliberate: true,
    agent: ORGANISATION_AGENT_PHONE,
  },
  {
    name: '桐安市和合社工事务所',
    at: 'TA',
    category: '专业社工机构',
    serves: ['TA-02-02', 'TA-03-01'],
    capabilities: ['青少年服务'],
  },
  {
    name: '梧桐志愿者协会',
    at: 'TA-01',
    category: '志愿服务组织',
    serves: ['TA-01-01', 'TA-01-02', 'TA-01-03'],
    capabilities: ['环境整治', '助老'],
  },
  {
    name: '河山镇志愿服务队',
    at: 'TA-03',
    category: '志愿服务组织',
    serves: ['TA-03-01', 'TA-03-02'],
    capabilities: ['农技帮扶'],
  },
  {
    name: '凤鸣邻里调解中心',
    at: 'TA-02',
    category: '调解议事类组织',
    serves: ['TA-02-01', 'TA-02-02'],
    capabilities: ['矛盾调解', '议事主持'],
    canDeliberate: true,
  },
  {
    name: '梧桐四治茶座工作站',
    at: 'TA-01',
    category: '调解议事类组织',
    serves: ['TA-01-02'],
    capabilities: ['议事主持', '矛盾调解'],
    canDeliberate: true,
    brand: '四治茶座',
  },
  {
    name: '新联四治茶座工作站',
    at: 'TA-03',
    category: '调解议事类组织',
    serves: ['TA-03-01'],
    capabilities: ['议事主持', '乡贤调解'],
    canDeliberate: true,
    brand: '四治茶座',
  },
  { name: '梧桐文体协会', at: 'TA-01', category: '文体娱乐类', serves: ['TA-01-01'], capabilities: ['广场舞', '合唱'] },
  { name: '桐安市慈善总会义工分会', at: 'TA', category: '公益慈善类', serves: ['TA-02-03'], capabilities: ['助困'] },
  {
    name: '凤鸣颐养服务社',
    at: 'TA-02',
    category: '养老托育类',
    serves: ['TA-02-04'],
    capabilities: ['助餐', '日间照料'],
  },
];

/** A deterministic valid 统一社会信用代码 for the i-th demo organisation. */
const demoCreditCode = (i: number) => {
  const body = `52330400MJ${String(1000 + i).padStart(7, '0')}`;
  return body + creditCodeCheckChar(body)!;
};

/**
 * 社会组织: the city's "1+3+N" categories and a dozen organisations with the places they serve (each
 * served community gets it in its member pool), 13900000012 as 益邻's agent. Inserts only what is absent.
 */
export async function seedDemoOrganisations(db: Db): Promise<void> {
  const codes = [...new Set(['TA', ...demoOrganisations.flatMap((o) => [o.at, ...o.serves])])];
  await db.transaction(async (tx) => {
    await takeSeedLock(tx, ORGANISATIONS_LOCK);
    const byCode = new Map((await placesByCode(tx, codes)).map((p) => [p.code, p]));
    const city = byCode.get('TA');
    if (!city) return;
    const categoryIds = new Map<string, number>();
    for (const [i, c] of categories.entries()) {
      categoryIds.set(c.name, await ensureCategory(tx, city, { ...c, sortOrder: i + 1 }));
    }
    for (const [i, o] of demoOrganisations.entries()) {
      const place = byCode.get(o.at);
      if (!place) continue;
      const id = await ensureSocialOrganisation(tx, place, {
        name: o.name,
        categoryId: categoryIds.get(o.category)!,
        registrationNo: demoCreditCode(i),
        contactPhone: `0573-8860${String(1001 + i).slice(-4)}`,
        canDeliberate: o.canDeliberate ?? false,
        capabilities: o.capabilities,
        brand: o.brand ?? null,
      });
      for (const code of o.serves) {
        const served = byCode.get(code);
        if (served) await ensureServing(tx, id, served, o.capabilities);
      }
      if (o.agent) await ensureAgent(tx, id, o.agent);
    }
  });
}
