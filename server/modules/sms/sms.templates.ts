import type { SmsTemplate } from '../../config.sms';

/**
 * The variables of each template kind, in the order the approved template uses them. Alibaba Cloud
 * templates name them (`${code}` → TemplateParam `{"code":"123456"}`); Tencent Cloud templates number
 * them (`{1}` → TemplateParamSet `["123456"]`), so this order is the one to follow when an operator
 * writes the Tencent template: {1} is the first name here, {2} the second.
 */
export const smsTemplateVariables = {
  /** 您的登录验证码为 ${code}，5 分钟内有效，请勿告诉他人。 */
  login_code: ['code'],
  /** ${community}邀请您参加“${title}”议事协商，时间：${time}。详情请登录议事平台查看。 */
  invitation: ['title', 'time', 'community'],
  /** “${title}”已发布公告，详情请登录议事平台查看。 */
  notice: ['title'],
  /** “${title}”${event}，详情请登录议事平台查看。 (event: e.g. 已受理, 投票开始，12月10日 18:00截止) */
  notification: ['title', 'event'],
} as const satisfies Record<SmsTemplate, readonly string[]>;

/**
 * A message's parameters as Tencent's ordered list. Refuses (a programming error, not a delivery
 * failure) parameters that do not match the template kind's variables.
 */
export function orderedTemplateParams(template: SmsTemplate, params: Record<string, string>): string[] {
  const names: readonly string[] = smsTemplateVariables[template];
  const given = Object.keys(params);
  if (given.length !== names.length || names.some((name) => params[name] === undefined)) {
    throw new Error(`SMS template ${template} takes ${names.join(', ')}; got ${given.join(', ')}`);
  }
  return names.map((name) => params[name]!);
}
