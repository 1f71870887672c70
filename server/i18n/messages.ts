import { ballotMessages } from './ballots.messages';
import { matterMessages } from './matters.messages';
import { accountMessages } from './accounts.messages';
import { goLiveMessages } from './golive.messages';
import { oversightMessages } from './oversight.messages';
import { dutiesMessages } from './duties.messages';
import { rosterMessages } from './roster.messages';
import { inputMessages } from './inputs.messages';
import { channelMessages } from './channels.messages';
import { demonstrationMessages } from './demonstration.messages';
import { departmentMessages } from './departments.messages';
import { venueMessages } from './venues.messages';
import { talentMessages } from './talents.messages';
import { projectMessages } from './projects.messages';
import { organisationMessages } from './organisations.messages';
import { trainingMessages } from './training.messages';

/**
 * Server-side messages, keyed by the stable error code. The web app shows `message` as is;
 * `{name}` placeholders are filled from the error's params.
 */
export const messages = {
  'zh-CN': {
    ...matterMessages['zh-CN'],
    ...ballotMessages['zh-CN'],
    ...oversightMessages['zh-CN'],
    ...dutiesMessages['zh-CN'],
    ...demonstrationMessages['zh-CN'],
    ...goLiveMessages['zh-CN'],
    ...accountMessages['zh-CN'],
    ...rosterMessages['zh-CN'],
    ...inputMessages['zh-CN'],
    ...channelMessages['zh-CN'],
    ...departmentMessages['zh-CN'],
    ...venueMessages['zh-CN'],
    ...talentMessages['zh-CN'],
    ...projectMessages['zh-CN'],
    ...organisationMessages['zh-CN'],
    ...trainingMessages['zh-CN'],
    'validation.invalid': '输入有误：{detail}',
    'validation.required': '此项必填',
    'validation.too_long': '内容过长（最多 {max} 个字符）',
    'validation.too_short': '内容过短（至少 {min} 个字符）',
    'validation.wrong_type': '格式不正确',
    'validation.not_an_option': '不是可选的值，请从列表中选择',
    'validation.phone': '请输入 11 位中国大陆手机号',
    'validation.code': '请输入 6 位数字验证码',
    'validation.date': '日期格式应为 YYYY-MM-DD',
    'auth.required': '请先登录',
    'auth.code_invalid': '验证码错误或已过期',
    'auth.code_too_many_attempts': '验证码尝试次数过多，请重新获取',
    'auth.code_rate_limited': '获取验证码过于频繁，请 {seconds} 秒后再试',
    'auth.password_invalid': '手机号或密码错误',
    'auth.login_rate_limited': '登录尝试过多，请 {minutes} 分钟后再试',
    'auth.account_disabled': '账号已停用',
    'auth.password_not_set': '此账号未设置密码，请使用验证码登录',
    'csrf.invalid': '请求校验失败，请刷新页面后重试',
    'access.denied': '您没有权限进行此操作',
    'access.denied_place': '您无权查看该区划的名册',
    not_found: '未找到：{what}',
    conflict: '数据冲突：{detail}',
    rate_limited: '请求过于频繁，请稍后再试',
    'roster.file_missing': '请选择要导入的文件',
    'roster.preview_gone': '校验结果已失效（超过 1 小时或已导入），请重新选择文件校验',
    'roster.file_type': '只支持 .xlsx 或 .csv 文件',
    'roster.file_too_large': '文件过大（最大 {maxMb} MB）',
    'roster.file_unreadable': '无法读取文件：{detail}',
    'roster.file_invalid': '文件有 {count} 处错误，未导入任何数据',
    'roster.headers_missing': '缺少表头：{headers}',
    'roster.empty': '文件中没有数据行',
    'roster.code_format': '编码只能包含字母、数字、-、_、.，且以字母或数字开头',
    'roster.code_list_format': '编码列表有误：多个编码用 ；或 ; 或 , 分隔',
    'roster.enum': '应填写：{allowed}',
    'roster.integer': '应为整数',
    'roster.area': '面积应大于 0，最多两位小数',
    'roster.duplicate': '编码与第 {row} 行重复',
    'roster.duplicate_room': '房号与第 {row} 行重复（同一区划内）',
    'roster.room_taken': '该房号已被房屋 {code} 使用',
    'roster.unknown_place': '区划编码 {code} 不存在',
    'roster.unknown_dwelling': '房屋编码 {code} 不存在',
    'roster.unknown_household': '户编码 {code} 不存在',
    'roster.kind_parent': '类型与上级不符：上级的下一层应为 {expected}',
    'roster.place_kind': '此处应填小区/自然村、楼栋/村民小组或单元（房屋只能挂在楼栋或单元下）',
    'roster.place_kind_changed': '已有区划不能通过导入改变类型',
    'roster.place_moved': '已有区划不能通过导入调整上级',
    'roster.parent_invalid': '上级（第 {row} 行）有错误，本行无法导入',
    'roster.dwelling_outside_place': '房屋不在所填区划内',
    'roster.outside_scope': '超出本次导入的区划范围',
    'roster.birth_future': '出生日期不能晚于今天',
    'roster.birth_too_old': '出生日期不能早于 1900 年',
    'member.duplicate': '该成员已在成员库中',
    'council.duplicate_member': '该成员已是本议事会成员',
    'pool.one_party': '请选择一位居民或填写一个组织（二选一）',
    'pool.resident_outside': '该居民不在本区划范围内，不能加入成员库',
    'pool.tags_too_many': '每位成员最多 10 个标签',
    'council.duplicate_name': '本区划已有同名议事会',
    'council.term_order': '任期结束日期不能早于开始日期',
    'council.seat_outside_term': '成员任期须在议事会任期之内',
    'council.member_outside': '该成员不在本议事会所在社区的成员库中',
    'council.member_inactive': '该成员已停用，不能加入议事会',
    internal: '服务器内部错误，请稍后重试',
  },
  en: {
    ...matterMessages.en,
    ...ballotMessages.en,
    ...oversightMessages.en,
    ...dutiesMessages.en,
    ...demonstrationMessages.en,
    ...goLiveMessages.en,
    ...accountMessages.en,
    ...rosterMessages.en,
    ...inputMessages.en,
    ...channelMessages.en,
    ...departmentMessages.en,
    ...venueMessages.en,
    ...talentMessages.en,
    ...projectMessages.en,
    ...organisationMessages.en,
    ...trainingMessages.en,
    'validation.invalid': 'Invalid input: {detail}',
    'validation.required': 'This field is required',
    'validation.too_long': 'Too long (at most {max} characters)',
    'validation.too_short': 'Too short (at least {min} characters)',
    'validation.wrong_type': 'Wrong format',
    'validation.not_an_option': 'Not one of the choices; pick one from the list',
    'validation.phone': 'Enter an 11-digit mainland China mobile number',
    'validation.code': 'Enter the 6-digit code',
    'validation.date': 'Dates are written YYYY-MM-DD',
    'auth.required': 'Please log in first',
    'auth.code_invalid': 'The code is wrong or has expired',
    'auth.code_too_many_attempts': 'Too many attempts; request a new code',
    'auth.code_rate_limited': 'Codes requested too often; try again in {seconds} s',
    'auth.password_invalid': 'Wrong phone number or password',
    'auth.login_rate_limited': 'Too many login attempts; try again in {minutes} min',
    'auth.account_disabled': 'This account is disabled',
    'auth.password_not_set': 'This account has no password; log in with a code',
    'csrf.invalid': 'Request check failed; reload the page and try again',
    'access.denied': 'You are not allowed to do this',
    'access.denied_place': 'You may not view the roster of this place',
    not_found: 'Not found: {what}',
    conflict: 'Conflict: {detail}',
    rate_limited: 'Too many requests; try again later',
    'roster.file_missing': 'Choose a file to import',
    'roster.preview_gone':
      'The check has expired (after an hour, or once imported): choose the file and check it again',
    'roster.file_type': 'Only .xlsx or .csv files are supported',
    'roster.file_too_large': 'File too large (at most {maxMb} MB)',
    'roster.file_unreadable': 'Cannot read the file: {detail}',
    'roster.file_invalid': 'The file has {count} problems; nothing was imported',
    'roster.headers_missing': 'Missing headers: {headers}',
    'roster.empty': 'The file has no data rows',
    'roster.code_format': 'Codes use letters, digits, -, _ and . and start with a letter or digit',
    'roster.code_list_format': 'Malformed code list: separate codes with ；, ; or ,',
    'roster.enum': 'Expected one of: {allowed}',
    'roster.integer': 'Expected a whole number',
    'roster.area': 'Area must be above 0 with at most two decimals',
    'roster.duplicate': 'Same code as row {row}',
    'roster.duplicate_room': 'Same room as row {row} in the same place',
    'roster.room_taken': 'This room is already dwelling {code}',
    'roster.unknown_place': 'No place with code {code}',
    'roster.unknown_dwelling': 'No dwelling with code {code}',
    'roster.unknown_household': 'No household with code {code}',
    'roster.kind_parent': 'Kind does not fit the parent: the level below it is {expected}',
    'roster.place_kind':
      'Expected an estate/natural village, building/villager group or unit (dwellings: building or unit)',
    'roster.place_kind_changed': 'An import cannot change the kind of an existing place',
    'roster.place_moved': 'An import cannot move an existing place to another parent',
    'roster.parent_invalid': 'The parent (row {row}) has problems, so this row cannot be imported',
    'roster.dwelling_outside_place': 'The dwelling is not inside the given place',
    'roster.outside_scope': 'Outside the place this import is for',
    'roster.birth_future': 'Birth date cannot be after today',
    'roster.birth_too_old': 'Birth date cannot be before 1900',
    'member.duplicate': 'Already in the member pool',
    'council.duplicate_member': 'Already a member of this council',
    'pool.one_party': 'Choose one resident or enter one organisation, not both',
    'pool.resident_outside': 'This resident does not live in this place and cannot join its pool',
    'pool.tags_too_many': 'At most 10 tags per member',
    'council.duplicate_name': 'A council with this name already exists here',
    'council.term_order': 'The term cannot end before it starts',
    'council.seat_outside_term': "A seat's term must lie inside the council's term",
    'council.member_outside': "This member is not in the pool of the council's community",
    'council.member_inactive': 'This member is inactive and cannot be seated',
    internal: 'Internal server error; please try again later',
  },
} as const;

export type Locale = keyof typeof messages;
export type MessageCode = keyof (typeof messages)['zh-CN'];

/** Picks zh-CN unless the client prefers English. */
export function localeFrom(acceptLanguage: string | undefined): Locale {
  return acceptLanguage && /^en\b/i.test(acceptLanguage.trim()) ? 'en' : 'zh-CN';
}

/** A message's value: as it is, or a word in each language (a not-found noun). */
export type MessageParam = string | number | Readonly<Record<Locale, string>>;

export function translate(locale: Locale, code: MessageCode, params: Record<string, MessageParam> = {}): string {
  const template: string = messages[locale][code] ?? messages['zh-CN'][code] ?? code;
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const value = params[k] ?? '';
    return typeof value === 'object' ? value[locale] : String(value);
  });
}
