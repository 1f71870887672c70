/**
 * Server-side messages, keyed by the stable error code. The web app shows `message` as is;
 * `{name}` placeholders are filled from the error's params.
 */
export const messages = {
  'zh-CN': {
    'validation.invalid': '输入有误：{detail}',
    'validation.required': '此项必填',
    'validation.too_long': '内容过长（最多 {max} 个字符）',
    'validation.too_short': '内容过短（至少 {min} 个字符）',
    'validation.wrong_type': '格式不正确',
    'validation.phone': '请输入 11 位中国大陆手机号',
    'validation.code': '请输入 6 位数字验证码',
    'validation.date': '日期格式应为 YYYY-MM-DD',
    'auth.required': '请先登录',
    'auth.code_invalid': '验证码错误或已过期',
    'auth.code_too_many_attempts': '验证码尝试次数过多，请重新获取',
    'auth.code_rate_limited': '获取验证码过于频繁，请 {seconds} 秒后再试',
    'auth.password_invalid': '手机号或密码错误',
    'auth.login_rate_limited': '登录尝试过多，请 {minutes} 分钟后再试',
    'auth.no_account': '该手机号尚未登记，请联系社区工作人员',
    'auth.account_disabled': '账号已停用',
    'auth.password_not_set': '此账号未设置密码，请使用验证码登录',
    'csrf.invalid': '请求校验失败，请刷新页面后重试',
    'access.denied': '您没有权限进行此操作',
    'access.denied_place': '您无权查看该区划的名册',
    'not_found': '未找到：{what}',
    'conflict': '数据冲突：{detail}',
    'rate_limited': '请求过于频繁，请稍后再试',
    'roster.file_missing': '请选择要导入的文件',
    'roster.file_type': '只支持 .xlsx 或 .csv 文件',
    'roster.file_too_large': '文件过大（最大 {maxMb} MB）',
    'roster.file_unreadable': '无法读取文件：{detail}',
    'roster.file_invalid': '文件有 {count} 处错误，未导入任何数据',
    'roster.headers_missing': '缺少表头：{headers}',
    'roster.empty': '文件中没有数据行',
    'member.duplicate': '该成员已在成员库中',
    'council.duplicate_member': '该成员已是本议事会成员',
    'internal': '服务器内部错误，请稍后重试',
  },
  en: {
    'validation.invalid': 'Invalid input: {detail}',
    'validation.required': 'This field is required',
    'validation.too_long': 'Too long (at most {max} characters)',
    'validation.too_short': 'Too short (at least {min} characters)',
    'validation.wrong_type': 'Wrong format',
    'validation.phone': 'Enter an 11-digit mainland China mobile number',
    'validation.code': 'Enter the 6-digit code',
    'validation.date': 'Dates are written YYYY-MM-DD',
    'auth.required': 'Please log in first',
    'auth.code_invalid': 'The code is wrong or has expired',
    'auth.code_too_many_attempts': 'Too many attempts; request a new code',
    'auth.code_rate_limited': 'Codes requested too often; try again in {seconds} s',
    'auth.password_invalid': 'Wrong phone number or password',
    'auth.login_rate_limited': 'Too many login attempts; try again in {minutes} min',
    'auth.no_account': 'This phone number is not registered; contact your community staff',
    'auth.account_disabled': 'This account is disabled',
    'auth.password_not_set': 'This account has no password; log in with a code',
    'csrf.invalid': 'Request check failed; reload the page and try again',
    'access.denied': 'You are not allowed to do this',
    'access.denied_place': 'You may not view the roster of this place',
    'not_found': 'Not found: {what}',
    'conflict': 'Conflict: {detail}',
    'rate_limited': 'Too many requests; try again later',
    'roster.file_missing': 'Choose a file to import',
    'roster.file_type': 'Only .xlsx or .csv files are supported',
    'roster.file_too_large': 'File too large (at most {maxMb} MB)',
    'roster.file_unreadable': 'Cannot read the file: {detail}',
    'roster.file_invalid': 'The file has {count} problems; nothing was imported',
    'roster.headers_missing': 'Missing headers: {headers}',
    'roster.empty': 'The file has no data rows',
    'member.duplicate': 'Already in the member pool',
    'council.duplicate_member': 'Already a member of this council',
    'internal': 'Internal server error; please try again later',
  },
} as const;

export type Locale = keyof typeof messages;
export type MessageCode = keyof (typeof messages)['zh-CN'];

/** Picks zh-CN unless the client prefers English. */
export function localeFrom(acceptLanguage: string | undefined): Locale {
  return acceptLanguage && /^en\b/i.test(acceptLanguage.trim()) ? 'en' : 'zh-CN';
}

export function translate(locale: Locale, code: MessageCode, params: Record<string, string | number> = {}): string {
  const template: string = messages[locale][code] ?? messages['zh-CN'][code] ?? code;
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}
