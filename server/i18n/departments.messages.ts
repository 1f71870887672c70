/** Messages of departments, their liaisons and referrals (转办), merged in messages.ts. */
export const departmentMessages = {
  'zh-CN': {
    'department.place_kind': '只有市和镇（街道）可以登记部门',
    'department.name_taken': '本级已有同名部门',
    'referral.wrong_state': '该转办当前状态不能进行此操作',
    'referral.still_open': '该议题仍有部门在办理，不能再次转办',
    'referral.due_past': '办理期限不能早于今天',
  },
  en: {
    'department.place_kind': 'Only a city or a town registers departments',
    'department.name_taken': 'A department of this name is already registered here',
    'referral.wrong_state': 'The referral is not in a state that allows this',
    'referral.still_open': 'A department is still handling this matter; it cannot be referred again yet',
    'referral.due_past': 'The due date cannot be before today',
  },
} as const;
