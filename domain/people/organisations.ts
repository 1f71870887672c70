/** The kinds of organisation a community can invite: property company (物业企业), law firm, department, … */
export const organisationKinds = [
  'property_company',
  'law_firm',
  'department',
  'social_organisation',
  'enterprise',
  'other',
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

/** Who a member of the pool (议事成员库) is: 居民 (a resident) or 组织 (an organisation). */
export const poolMemberKinds = ['resident', 'organisation'] as const;
export type PoolMemberKind = (typeof poolMemberKinds)[number];
