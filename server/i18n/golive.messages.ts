/**
 * Messages of going live (issue 10): login limits, demo accounts, SMS delivery, the operator surface
 * and the admin's own account. Merged into the catalogue in messages.ts.
 */
export const goLiveMessages = {
  'zh-CN': {
    'auth.demo_account': '演示账号只能在演示环境中登录',
    'auth.code_busy': '验证码请求过多，请 {seconds} 秒后再试',
    'sms.quota': '短信发送额度已用完，请联系社区工作人员或稍后再试',
    'sms.template': '短信模板配置有误，请联系系统管理员',
    'sms.throttled': '短信发送过于频繁，请稍后再试',
    'sms.phone': '该手机号无法接收短信，请核对号码',
    'sms.credentials': '短信服务配置有误，请联系系统管理员',
    'sms.unavailable': '短信服务暂时不可用，请稍后再试',
    'service.unavailable': '服务暂时不可用，请稍后重试',
  },
  en: {
    'auth.demo_account': 'Demo accounts can log in only on a demo server',
    'auth.code_busy': 'Too many code requests; try again in {seconds} s',
    'sms.quota': 'The text-message quota is used up; contact your community staff or try later',
    'sms.template': 'The text-message template is misconfigured; contact the administrator',
    'sms.throttled': 'Text messages are being sent too often; try again later',
    'sms.phone': 'This number cannot receive text messages; check it',
    'sms.credentials': 'The text-message service is misconfigured; contact the administrator',
    'sms.unavailable': 'Text messages cannot be sent right now; try again later',
    'service.unavailable': 'The service is temporarily unavailable; try again shortly',
  },
} as const;
