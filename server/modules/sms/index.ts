import type { FastifyBaseLogger } from 'fastify';
import type { SmsConfig } from '../../config.sms';
import type { SmsProvider } from '../../deps';
import { LogSmsProvider, NoSmsProvider } from './sms.log-provider';

/** The provider the settings choose. */
export function createSmsProvider(config: SmsConfig, log: Pick<FastifyBaseLogger, 'info'>): SmsProvider {
  switch (config.provider) {
    case 'log':
      return new LogSmsProvider(log);
    case 'aliyun':
    case 'tencent':
      throw new Error(`YISHI_SMS_PROVIDER=${config.provider} is not available yet`);
    default:
      return new NoSmsProvider();
  }
}

// Invitation and notice texts: queued in the command's transaction, delivered by the sms-deliver job.
export { invitationTextStates, queueInvitationTexts, queueNoticeTexts, type TextState } from './sms.queue';
export { deliverDueTexts, type DeliveryOutcome } from './sms.jobs';
export { smsOptOutRoutes } from './sms.opt-out.routes';
export { smsRepliesRoutes } from './sms.replies.routes';
