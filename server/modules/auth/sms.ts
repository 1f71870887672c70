import type { FastifyBaseLogger } from 'fastify';
import { maskPhone } from '../../../domain/people/phone';

/** Sends one-time login codes. Production wires a real SMS gateway behind this interface. */
export interface SmsProvider {
  sendLoginCode(phone: string, code: string): Promise<void>;
}

/** Development provider: writes the code to the server log with the phone masked. */
export class DevSmsProvider implements SmsProvider {
  constructor(private readonly log: FastifyBaseLogger) {}
  async sendLoginCode(phone: string, code: string): Promise<void> {
    this.log.info({ to: maskPhone(phone) }, `login code ${code}`);
  }
}
