/** Messages of the separation of duties (任免 and independent supervision), merged in messages.ts. */
export const dutiesMessages = {
  'zh-CN': {
    'grant.denied': '只有上级部门可以任免本辖区的监督员和工作人员',
    'grant.self': '不能为自己任免角色',
    'grant.runs_place': '该账号在本辖区（或其上下级）担任工作人员，不能同时担任监督员',
    'grant.supervises_place': '该账号在本辖区（或其上下级）担任监督员，不能同时担任工作人员',
    'grant.unknown': '该账号在此区划没有这一角色',
  },
  en: {
    'grant.denied': 'Only officers above this place may appoint or remove its supervisors and staff',
    'grant.self': 'You cannot grant or revoke a role of your own',
    'grant.runs_place': 'This account works as staff here (or above or below); it cannot also supervise here',
    'grant.supervises_place': 'This account supervises here (or above or below); it cannot also work as staff here',
    'grant.unknown': 'This account holds no such role on this place',
  },
} as const;
