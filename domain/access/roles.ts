export const roles = [
  'resident',
  'member',
  'convenor',
  'grid_worker',
  'supervisor',
  'town_officer',
  'city_officer',
  'admin',
  /** 部门联络员: a department's liaison officer (granted on the department's place); not staff. */
  'liaison',
  /** 社会组织联络人: acts for a social organisation (granted on its place, linked by a row); not staff. */
  'organisation_agent',
] as const;
export type Role = (typeof roles)[number];

/** Staff work inside their place subtree and see personal data there. */
export const staffRoles: readonly Role[] = ['convenor', 'grid_worker', 'town_officer', 'city_officer', 'admin'];
/** Town and city officers and admins: they set what communities work with (e.g. 协商形式). */
export const officerRoles: readonly Role[] = ['town_officer', 'city_officer', 'admin'];
/** Staff who manage the roster, the member pool and councils. */
export const managerRoles: readonly Role[] = ['convenor', 'town_officer', 'city_officer', 'admin'];
