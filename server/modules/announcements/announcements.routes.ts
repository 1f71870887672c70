import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { can } from '../../../domain/access';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { advanceMatter, loadVisibleMatter } from '../matters';
import { invitationTextStates } from '../sms';
import { presentInvitations, presentNotice } from './announcements.presenter';
import {
  DeletedReplySchema,
  InboxReadReplySchema,
  InboxReplySchema,
  InvitationsAddedReplySchema,
  InvitationsBodySchema,
  InvitationsReplySchema,
  ItemParamsSchema,
  NoticeBodySchema,
  NoticesReplySchema,
  NoticeViewSchema,
  ReplyBodySchema,
  ReplyReplySchema,
} from '../../../contracts/announcements';
import { MatterParamsSchema } from '../../../contracts/common';
import { StatusReplySchema } from '../../../contracts/matter-commands';
import { addInvitations, listNotices, postNotice, removeInvitation, replyToInvitation } from './announcements.service';
import { markRead, readInbox } from './inbox.service';
import { localeFrom } from '../../i18n/messages';
import { invitationRows } from './invitations.repository';

const tags = ['announcements'];

/** Step 3 (公示告知): notices, the invitation list and replies, announcing; and every user's inbox. */
export const announcementsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.post(
    '/matters/:id/notices',
    { schema: { tags, params: MatterParamsSchema, body: NoticeBodySchema, response: { 201: NoticeViewSchema } } },
    async (request, reply) => {
      const notice = await postNotice(db, requireActor(request), request.params.id, request.body);
      return reply.status(201).send(presentNotice(notice));
    },
  );

  app.get(
    '/matters/:id/notices',
    { schema: { tags, params: MatterParamsSchema, response: { 200: NoticesReplySchema } } },
    async (request) => {
      const rows = await listNotices(db, requireActor(request), request.params.id);
      return { items: rows.map(presentNotice) };
    },
  );

  app.post(
    '/matters/:id/invitations',
    {
      schema: {
        tags,
        params: MatterParamsSchema,
        body: InvitationsBodySchema,
        response: { 201: InvitationsAddedReplySchema },
      },
    },
    async (request, reply) => {
      const result = await addInvitations(db, requireActor(request), request.params.id, request.body);
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/matters/:id/invitations',
    { schema: { tags, params: MatterParamsSchema, response: { 200: InvitationsReplySchema } } },
    async (request) => {
      const actor = requireActor(request);
      const { subject } = await loadVisibleMatter(db, actor, request.params.id);
      // Staff of the matter's place (who may export its file) see invitees' names.
      const showsNames = can(actor, 'matter.export', subject);
      const texts = showsNames ? await invitationTextStates(db, request.params.id) : undefined;
      return presentInvitations(await invitationRows(db, request.params.id), actor, showsNames, texts);
    },
  );

  app.delete(
    '/invitations/:id',
    { schema: { tags, params: ItemParamsSchema, response: { 200: DeletedReplySchema } } },
    async (request) => removeInvitation(db, requireActor(request), request.params.id),
  );

  app.post(
    '/invitations/:id/reply',
    { schema: { tags, params: ItemParamsSchema, body: ReplyBodySchema, response: { 200: ReplyReplySchema } } },
    async (request) => replyToInvitation(db, requireActor(request), request.params.id, request.body.reply),
  );

  app.post(
    '/matters/:id/announce',
    { schema: { tags, params: MatterParamsSchema, response: { 200: StatusReplySchema } } },
    async (request) => advanceMatter(db, requireActor(request), request.params.id, 'announce'),
  );

  app.post(
    '/matters/:id/start-deliberation',
    { schema: { tags, params: MatterParamsSchema, response: { 200: StatusReplySchema } } },
    async (request) => advanceMatter(db, requireActor(request), request.params.id, 'startDeliberation'),
  );

  app.get('/inbox', { schema: { tags, response: { 200: InboxReplySchema } } }, async (request) =>
    readInbox(db, requireActor(request), localeFrom(request.headers['accept-language'])),
  );

  app.post(
    '/inbox/:id/read',
    { schema: { tags, params: ItemParamsSchema, response: { 200: InboxReadReplySchema } } },
    async (request) => markRead(db, requireActor(request), request.params.id),
  );
};
