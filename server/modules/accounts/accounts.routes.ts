import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor, sessionTokenHash } from '../../plugins/session';
import { PasswordChangeBodySchema, PasswordChangeReplySchema } from '../../../contracts/accounts';
import { changeOwnPassword } from './accounts.service';

// Each try verifies the current password: limited like the login routes.
const passwordRateLimit = { rateLimit: { max: 20, timeWindow: '1 minute' } };

export const accountsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.post(
    '/account/password',
    {
      config: passwordRateLimit,
      schema: { tags: ['accounts'], body: PasswordChangeBodySchema, response: { 200: PasswordChangeReplySchema } },
    },
    async (request) => {
      const actor = requireActor(request);
      await changeOwnPassword(db, {
        accountId: actor.accountId,
        currentSessionHash: sessionTokenHash(request)!,
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
      });
      return { changed: true as const };
    },
  );
};
