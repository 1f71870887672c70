/** Where a dwelling's area comes from: 登记 (the property register), 实测 (a survey) or 合同 (the contract). */
export const areaSources = ['register', 'survey', 'contract'] as const;
export type AreaSource = (typeof areaSources)[number];

/** What a dwelling is used as: 住宅 (home), 商铺 (shop), 其他 (other). */
export const dwellingUses = ['home', 'shop', 'other'] as const;
export type DwellingUse = (typeof dwellingUses)[number];
