import type { FastifyBaseLogger } from 'fastify';
import { maskPhone } from '../../../domain/people/phone';
import type { SmsMessage, SmsProvider } from '../../deps';
import { SmsError } from '../../errors';

/** Demo mode only (config refuses it otherwise): writes the message to the server log, phone masked. */
export class LogSmsProvider implements SmsProvider {
  readonly name = 'log';
  constructor(private readonly log: Pick<FastifyBaseLogger, 'info'>) {}
  async send(message: SmsMessage) {
    this.log.info(
      { to: maskPhone(message.phone), template: message.template },
      `demo SMS ${JSON.stringify(message.params)}`,
    );
    return {};
  }
}

/** YISHI_SMS_PROVIDER=none: nothing can be sent. */
export class NoSmsProvider implements SmsProvider {
  readonly name = 'none';
  async send(): Promise<never> {
    throw new SmsError('unavailable', 'no-provider');
  }
}
