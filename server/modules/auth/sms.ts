import type { FastifyBaseLogger } from 'fastify';
import { maskPhone } from '../../../domain/people/phone';
import type { SmsProvider } from '../../deps';

/** Development provider: writes the code to the server log with the phone masked. */
export class DevSmsProvider implements SmsProvider {
  constructor(private readonly log: FastifyBaseLogger) {}
  async sendLoginCode(phone: string, code: string): Promise<void> {
    this.log.info({ to: maskPhone(phone) }, `login code ${code}`);
  }
}
