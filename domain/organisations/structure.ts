/**
 * The city's "1+3+N" structure for social organisations entering communities (社会组织进社区工程):
 * one hub (枢纽型) organisation per town, three core categories every community should be served by,
 * and N other categories. The categories themselves are data the city configures
 * (`organisation_categories`); only the tiers are a closed list.
 */
export const structureTiers = ['hub', 'core', 'other'] as const;
export type StructureTier = (typeof structureTiers)[number];

/** Where a tier's coverage is counted: a hub per town, the core categories per community, others not required. */
export const tierCoverage: Record<StructureTier, 'town' | 'community' | 'none'> = {
  hub: 'town',
  core: 'community',
  other: 'none',
};

/**
 * The brand the practice names for its brand social organisations (品牌社会组织): 四治茶座 workstations. A
 * brand is data (the organisation's `brand`), so the register's "brand only" filter offers this one by name.
 */
export const featuredBrand = '四治茶座';
