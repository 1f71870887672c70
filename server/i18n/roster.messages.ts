/**
 * Messages of the roster's caps, warnings and dates (issue 11). Merged into the catalogue in messages.ts.
 */
export const rosterMessages = {
  'zh-CN': {
    'roster.date_nonexistent': '日期不存在（格式正确，但没有这一天）',
    'roster.owner_without_property': '身份为业主但未填产权房屋编码：此人不会计入任何业主表决',
    'roster.tenant_with_property': '身份为租户却填了产权房屋编码，请核对身份',
    'roster.warnings_unacknowledged': '有 {count} 条提醒需要确认后才能导入',
    'roster.file_too_large_unzipped': '文件解压后过大（最大 {maxMb} MB），请拆分后导入',
    'roster.too_many_rows': '文件行数过多（最多 {max} 行），请拆分后导入',
    'roster.file_too_complex': '文件过于复杂，超出处理能力，请拆分后导入',
    'roster.job_timeout': '处理超时（超过 {seconds} 秒），请拆分文件或缩小范围后重试',
    'roster.job_running': '您已有一个名册导入或导出正在进行，请等它完成后再试',
    'roster.busy': '当前名册导入导出任务较多，请稍后再试',
  },
  en: {
    'roster.date_nonexistent': 'This date does not exist (the format is right, the day is not)',
    'roster.owner_without_property': 'Owner (业主) without property codes: this person takes part in no owners’ ballot',
    'roster.tenant_with_property': 'Tenant (租户) with property codes: check the status',
    'roster.warnings_unacknowledged': '{count} warnings must be acknowledged before importing',
    'roster.file_too_large_unzipped': 'The file unpacks too large (at most {maxMb} MB); split it',
    'roster.too_many_rows': 'Too many rows (at most {max}); split the file',
    'roster.file_too_complex': 'The file is too complex to process; split it',
    'roster.job_timeout': 'Processing took too long (over {seconds} s); split the file or narrow the place',
    'roster.job_running': 'You already have a roster import or export running; try again when it is done',
    'roster.busy': 'Many roster imports and exports are running; try again shortly',
  },
} as const;
