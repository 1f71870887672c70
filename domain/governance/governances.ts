import type { MatterCategory } from '../matters/taxonomy';

/**
 * 四治融合: the four governances under which the city reports its deliberation work — 自治 (residents
 * settle their own affairs), 法治 (within the law), 德治 (by virtue and custom), 智治 (by digital means).
 * A matter, a format (and later a project) carries a set of them, possibly empty.
 */
export const governances = ['autonomy', 'law', 'virtue', 'smart'] as const;
export type Governance = (typeof governances)[number];

/** The group of the statistics and the bulletin for a subject carrying none of the four. */
export const UNTAGGED = 'untagged';
/** The groups a breakdown by governance shows, in print order. */
export const governanceGroups = [...governances, UNTAGGED] as const;
export type GovernanceGroup = (typeof governanceGroups)[number];

/** Each governance's name and one-line meaning, zh-CN and en (the dossier, the bulletin and the web). */
export const governanceTexts: Record<
  Governance,
  { name: { 'zh-CN': string; en: string }; meaning: { 'zh-CN': string; en: string } }
> = {
  autonomy: {
    name: { 'zh-CN': '自治', en: 'Self-governance' },
    meaning: {
      'zh-CN': '居民的事居民商量着办，议事会、楼栋和小区自己拿主意',
      en: 'Residents decide their own affairs through councils, buildings and estates',
    },
  },
  law: {
    name: { 'zh-CN': '法治', en: 'Rule of law' },
    meaning: {
      'zh-CN': '依法依规议事，用法律、政策和章程守住底线',
      en: 'Deliberate within the law, policy and statutes',
    },
  },
  virtue: {
    name: { 'zh-CN': '德治', en: 'Rule of virtue' },
    meaning: {
      'zh-CN': '以村规民约、乡贤和好家风引导邻里向善、化解矛盾',
      en: 'Village rules, local sages and good custom guide neighbours and settle disputes',
    },
  },
  smart: {
    name: { 'zh-CN': '智治', en: 'Smart governance' },
    meaning: {
      'zh-CN': '用云议事、线上表决等数字手段让议事更便捷、更公开',
      en: 'Online deliberation, online voting and data make deliberation easier and open',
    },
  },
};

/** A governance's Chinese name (自治 …), or 未标注 for the untagged group. */
export function governanceName(group: GovernanceGroup): string {
  return group === UNTAGGED ? '未标注' : governanceTexts[group].name['zh-CN'];
}

/** Each governance once, in the declared order: the one form a set is stored and compared in. */
export function normaliseGovernances(tags: readonly Governance[]): Governance[] {
  return governances.filter((g) => tags.includes(g));
}

/** What a built-in category usually calls for; a community's own category suggests nothing. */
export const categoryGovernances: Record<MatterCategory, readonly Governance[]> = {
  environment: ['autonomy'],
  facilities: ['autonomy', 'law'],
  property: ['autonomy', 'law'],
  collective: ['autonomy', 'law'],
  'public-works': ['autonomy'],
  care: ['virtue'],
  safety: ['law', 'smart'],
  rules: ['autonomy', 'virtue'],
  mediation: ['virtue', 'law'],
  policy: ['law'],
};

/**
 * The governances the vetting picker starts from: the category's and the format's defaults together.
 * Staff may change them; nothing is tagged unless they confirm.
 */
export function suggestGovernances(category: string, formatDefaults: readonly Governance[] = []): Governance[] {
  const byCategory = Object.hasOwn(categoryGovernances, category)
    ? categoryGovernances[category as MatterCategory]
    : [];
  return normaliseGovernances([...byCategory, ...formatDefaults]);
}
