/**
 * Messages of issue 5 (supervision, bulletins, statistics, showcase), merged into the catalogue in
 * messages.ts. Each feature adds its codes here with small edits.
 */
export const oversightMessages = {
  'zh-CN': {
    'supervision.account_unknown': '找不到使用该手机号的账号',
    'supervision.not_supervisor': '该账号不是本辖区的监督员',
    'supervision.finding_answered': '该监督意见已答复',
    'supervision.not_overseen': '该监督员未被指派监督此事项',
    'bulletin.bad_month': '月份格式应为 YYYY-MM，且不能晚于本月',
    'bulletin.place_kind': '月度通报只面向市、街道（乡镇）或社区（村）',
    'showcase.photo_missing': '请选择要上传的照片',
  },
  en: {
    'supervision.account_unknown': 'No account uses this phone number',
    'supervision.not_supervisor': 'This account is not a supervisor of this place',
    'supervision.finding_answered': 'This finding has already been answered',
    'supervision.not_overseen': 'This supervisor is not assigned to oversee the matter',
    'bulletin.bad_month': 'The month must be YYYY-MM and not later than this month',
    'bulletin.place_kind': 'Monthly bulletins are for the city, a town or a community',
    'showcase.photo_missing': 'Choose a photo to upload',
  },
} as const;
