/** Matter levels, lowest first; escalation moves a matter one level up. */
export const matterLevels = ['building', 'estate', 'community'] as const;
export type MatterLevel = (typeof matterLevels)[number];

/** The headline kind each matter is counted under (see the glossary). */
export const matterKinds = ['livelihood', 'dispute', 'public_affair'] as const;
export type MatterKind = (typeof matterKinds)[number];

/** Built-in categories; communities may add their own. */
export const matterCategories = [
  'environment',
  'facilities',
  'property',
  'collective',
  'public-works',
  'care',
  'safety',
  'rules',
  'mediation',
  'policy',
] as const;
export type MatterCategory = (typeof matterCategories)[number];

/**
 * The built-in categories' names as the dossier prints them (the glossary's words); a category a
 * community added is its own name already.
 */
export const matterCategoryNames: Record<MatterCategory, string> = {
  environment: '环境卫生',
  facilities: '设施改造（加装电梯、停车、老旧小区改造）',
  property: '物业与业主事务',
  collective: '集体经济/三资/土地',
  'public-works': '公益事业与一事一议筹资筹劳',
  care: '养老、托幼与困难群体服务',
  safety: '平安与公共秩序',
  rules: '村规民约/居民公约',
  mediation: '邻里纠纷调解',
  policy: '政策落地',
};

/** A matter's category in Chinese: a built-in one by its name, any other as written. */
export function matterCategoryName(category: string): string {
  return Object.hasOwn(matterCategoryNames, category) ? matterCategoryNames[category as MatterCategory] : category;
}

/** The place kind a level's matter sits on: building-level matters on a building (or unit) … */
export const placeKindsOfLevel: Record<MatterLevel, readonly string[]> = {
  building: ['building', 'unit'],
  estate: ['estate'],
  community: ['community'],
};
