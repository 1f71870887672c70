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

/** The place kind a level's matter sits on: building-level matters on a building (or unit) … */
export const placeKindsOfLevel: Record<MatterLevel, readonly string[]> = {
  building: ['building', 'unit'],
  estate: ['estate'],
  community: ['community'],
};

/** Formats every community starts with (GLOSSARY: 协商形式). */
export const builtInFormats = ['邀约协商', '麻花议事', '桂花树下', '邻里汇', '专题议事会', '听证会'] as const;
