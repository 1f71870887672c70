/** Where a dwelling's area comes from: 登记 (the property register), 实测 (a survey) or 合同 (the contract). */
export const areaSources = ['register', 'survey', 'contract'] as const;
export type AreaSource = (typeof areaSources)[number];

/** What a dwelling is used as: 住宅 (home), 商铺 (shop), 其他 (other). */
export const dwellingUses = ['home', 'shop', 'other'] as const;
export type DwellingUse = (typeof dwellingUses)[number];

/**
 * An area stored in hundredths of m² (dwellings, electors, ballot results) as m² with two decimals,
 * exactly: 113969 → "1139.69". The server's one area formatter (replies, the dossier, open data);
 * the web groups thousands for display.
 */
export function areaFromHundredths(centi: bigint | number | string): string {
  const value = BigInt(centi);
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}
