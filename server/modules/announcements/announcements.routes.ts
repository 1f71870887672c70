import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { can } from '../../../domain/access';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { loadVisibleMatter } from '../matters';
import { invitationTextStates } from '../sms';
import { presentInvitations, presentNotice } from './announcements.presenter';
import {
  deletedReplySchema,
  inboxReadReplySchema,
  inboxReplySchema,
  invitationsAddedReplySchema,
  invitationsBodySchema,
  invitationsReplySchema,
  itemParamsSchema,
  matterParamsSchema,
  noticeBodySchema,
  noticesReplySchema,
  noticeViewSchema,
  replyBodySchema,
  replyReplySchema,
} from '../../../contracts/announcements';
import { statusReplySchema } from '../../../contracts/matter-commands';
import {
  addInvitations,
  listNotices,
  moveMatter,
  postNotice,
  removeInvitation,
  replyToInvitation,
} from './announcements.service';
import { markRead, readInbox } from './inbox.service';
import { invitationRows } from './invitations.repository';

const tags = ['announcements'];

/** Step 3 (公示告知): notices, the invitation list and replies, announcing; and every user's inbox. */
export const announcementsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.post(
    '/matters/:id/notices',
    { schema: { tags, params: matterParamsSchema, body: noticeBodySchema, response: { 201: noticeViewSchema } } },
    async (request, reply) => {
      const notice = await postNotice(db, requireActor(request), request.params.id, request.body);
      return reply.status(201).send(presentNotice(notice));
    },
  );

  app.get(
    '/matters/:id/notices',
    { schema: { tags, params: matterParamsSchema, response: { 200: noticesReplySchema } } },
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
        params: matterParamsSchema,
        body: invitationsBodySchema,
        response: { 201: invitationsAddedReplySchema },
      },
    },
    async (request, reply) => {
      const result = await addInvitations(db, requireActor(request), request.params.id, request.body);
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/matters/:id/invitations',
    { schema: { tags, params: matterParamsSchema, response: { 200: invitationsReplySchema } } },
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
    { schema: { tags, params: itemParamsSchema, response: { 200: deletedReplySchema } } },
    async (request) => removeInvitation(db, requireActor(request), request.params.id),
  );

  app.post(
    '/invitations/:id/reply',
    { schema: { tags, params: itemParamsSchema, body: replyBodySchema, response: { 200: replyReplySchema } } },
    async (request) => replyToInvitation(db, requireActor(request), request.params.id, request.body.reply),
  );

  app.post(
    '/matters/:id/announce',
    { schema: { tags, params: matterParamsSchema, response: { 200: statusReplySchema } } },
    async (request) => moveMatter(db, requireActor(request), request.params.id, 'announce'),
  );

  app.post(
    '/matters/:id/start-deliberation',
    { schema: { tags, params: matterParamsSchema, response: { 200: statusReplySchema } } },
    async (request) => moveMatter(db, requireActor(request), request.params.id, 'startDeliberation'),
  );

  app.get('/inbox', { schema: { tags, response: { 200: inboxReplySchema } } }, async (request) =>
    readInbox(db, requireActor(request)),
  );

  app.post(
    '/inbox/:id/read',
    { schema: { tags, params: itemParamsSchema, response: { 200: inboxReadReplySchema } } },
    async (request) => markRead(db, requireActor(request), request.params.id),
  );
};
