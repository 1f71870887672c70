/**
 * 部门: the departments a city or town registers (民政局, 住建局, 街道城管科…). Their liaison officers
 * (联络员) are the members of that place's social-work committee (社工委), the hub of the place.
 */
export const departmentKinds = ['bureau', 'section', 'agency'] as const;
export type DepartmentKind = (typeof departmentKinds)[number];

/** The place kinds that register departments and have a social-work committee. */
export const committeePlaceKinds = ['city', 'town'] as const;
export type CommitteePlaceKind = (typeof committeePlaceKinds)[number];

/** Whether a place of this kind registers departments (a city or a town). */
export const hasCommittee = (kind: string): kind is CommitteePlaceKind =>
  (committeePlaceKinds as readonly string[]).includes(kind);
