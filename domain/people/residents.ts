/** A resident's recorded gender: 男 (male), 女 (female); a resident may have none recorded. */
export const genders = ['male', 'female'] as const;
export type Gender = (typeof genders)[number];

/** How a resident holds their dwelling: 业主 (owner), 租户 (tenant), 家庭成员 (family of the owner). */
export const tenures = ['owner', 'tenant', 'family'] as const;
export type Tenure = (typeof tenures)[number];
