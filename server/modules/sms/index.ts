import type { FastifyBaseLogger } from 'fastify';
import type { SmsConfig } from '../../config.sms';
import type { SmsProvider } from '../../deps';
import { AliyunSmsProvider } from './sms.aliyun';
import { LogSmsProvider, NoSmsProvider } from './sms.log-provider';
import { TencentSmsProvider } from './sms.tencent';

export { attemptDelivery, recordDelivery, SmsNotSentError, wasSent } from './sms.deliveries';
export type { DeliveryOutcome, DeliveryRecord } from './sms.deliveries';
export { orderedTemplateParams, smsTemplateVariables } from './sms.templates';

/** The provider the settings choose. */
export function createSmsProvider(config: SmsConfig, log: Pick<FastifyBaseLogger, 'info'>): SmsProvider {
  switch (config.provider) {
    case 'log':
      return new LogSmsProvider(log);
    case 'aliyun':
      return new AliyunSmsProvider(config);
    case 'tencent':
      return new TencentSmsProvider(config);
    default:
      return new NoSmsProvider();
  }
}

// Invitation and notice texts: queued in the command's transaction, delivered by the sms-deliver job.
export { queueInvitationTexts, queueNotificationText, queueNoticeTexts, type TextState } from './sms.queue';
export { invitationTextStates } from './sms.repository';
export { deliverDueTexts, type DeliveryRun } from './sms.jobs';
export { smsOptOutRoutes } from './sms.opt-out.routes';
export { smsRepliesRoutes } from './sms.replies.routes';
