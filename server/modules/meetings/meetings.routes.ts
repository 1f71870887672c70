import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { presentMeeting, presentMinutes, presentSheet } from './meetings.presenter';
import {
  amendmentBodySchema,
  amendmentViewSchema,
  answerBodySchema,
  attendanceBodySchema,
  itemParamsSchema,
  matterParamsSchema,
  meetingDetailViewSchema,
  meetingsReplySchema,
  meetingViewSchema,
  minutesBodySchema,
  minutesReplySchema,
  openAmendmentsBodySchema,
  scheduleBodySchema,
  sheetReplySchema,
  signInBodySchema,
  signInReplySchema,
} from '../../../contracts/meetings';
import {
  closeMeeting,
  listMeetings,
  markAttendance,
  readMeetingForViewer,
  readSheet,
  scheduleMeeting,
  signInByCode,
} from './meetings.service';
import {
  answerAmendment,
  draftMinutes,
  openAmendments,
  proposeAmendment,
  publishMinutes,
  readMinutes,
} from './minutes.service';

const tags = ['meetings'];

/** Step 4 (协商议事): meetings, sign-in, the sheet, and minutes with amendments and redaction. */
export const meetingsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.post(
    '/matters/:id/meetings',
    { schema: { tags, params: matterParamsSchema, body: scheduleBodySchema, response: { 201: meetingViewSchema } } },
    async (request, reply) => {
      const meeting = await scheduleMeeting(db, requireActor(request), request.params.id, request.body);
      return reply.status(201).send(presentMeeting(meeting, true));
    },
  );

  app.get(
    '/matters/:id/meetings',
    { schema: { tags, params: matterParamsSchema, response: { 200: meetingsReplySchema } } },
    async (request) => {
      const { rows, runs } = await listMeetings(db, requireActor(request), request.params.id);
      return { items: rows.map((m) => presentMeeting(m, runs)) };
    },
  );

  app.get(
    '/meetings/:id',
    { schema: { tags, params: itemParamsSchema, response: { 200: meetingDetailViewSchema } } },
    async (request) => {
      const read = await readMeetingForViewer(db, requireActor(request), request.params.id);
      return { ...presentMeeting(read.meeting, read.runs), isInvited: read.isInvited, mySignIn: read.mySignIn };
    },
  );

  app.post(
    '/meetings/:id/close',
    { schema: { tags, params: itemParamsSchema, response: { 200: meetingViewSchema } } },
    async (request) => presentMeeting(await closeMeeting(db, requireActor(request), request.params.id), true),
  );

  app.post(
    '/meetings/:id/sign-in',
    { schema: { tags, params: itemParamsSchema, body: signInBodySchema, response: { 200: signInReplySchema } } },
    async (request) => signInByCode(db, requireActor(request), request.params.id, request.body.code),
  );

  app.post(
    '/meetings/:id/attendance',
    { schema: { tags, params: itemParamsSchema, body: attendanceBodySchema, response: { 200: signInReplySchema } } },
    async (request) => markAttendance(db, requireActor(request), request.params.id, request.body.invitationId),
  );

  app.get(
    '/meetings/:id/sheet',
    { schema: { tags, params: itemParamsSchema, response: { 200: sheetReplySchema } } },
    async (request) => {
      const actor = requireActor(request);
      return presentSheet(await readSheet(db, actor, request.params.id), actor);
    },
  );

  app.get(
    '/meetings/:id/minutes',
    { schema: { tags, params: itemParamsSchema, response: { 200: minutesReplySchema } } },
    async (request) => {
      const actor = requireActor(request);
      const read = await readMinutes(db, actor, request.params.id);
      return { minutes: read ? presentMinutes(read, actor) : null };
    },
  );

  app.post(
    '/meetings/:id/minutes',
    { schema: { tags, params: itemParamsSchema, body: minutesBodySchema, response: { 200: minutesReplySchema } } },
    async (request) => {
      const actor = requireActor(request);
      await draftMinutes(db, actor, request.params.id, request.body.body);
      const read = await readMinutes(db, actor, request.params.id);
      return { minutes: read ? presentMinutes(read, actor) : null };
    },
  );

  app.post(
    '/minutes/:id/open-amendments',
    {
      schema: { tags, params: itemParamsSchema, body: openAmendmentsBodySchema, response: { 200: minutesReplySchema } },
    },
    async (request) => {
      const actor = requireActor(request);
      const row = await openAmendments(db, actor, request.params.id, request.body.amendDays);
      const read = await readMinutes(db, actor, row.meetingId);
      return { minutes: read ? presentMinutes(read, actor) : null };
    },
  );

  app.post(
    '/minutes/:id/amendments',
    { schema: { tags, params: itemParamsSchema, body: amendmentBodySchema, response: { 201: amendmentViewSchema } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const a = await proposeAmendment(db, actor, request.params.id, request.body.body);
      return reply.status(201).send({
        id: a.id,
        body: a.body,
        status: a.status,
        answer: a.answer,
        isMine: true,
        createdAt: a.createdAt.toISOString(),
      });
    },
  );

  app.post(
    '/minutes/amendments/:id/answer',
    { schema: { tags, params: itemParamsSchema, body: answerBodySchema, response: { 200: amendmentViewSchema } } },
    async (request) => {
      const actor = requireActor(request);
      const a = await answerAmendment(db, actor, request.params.id, request.body.accept, request.body.answer);
      return {
        id: a.id,
        body: a.body,
        status: a.status,
        answer: a.answer,
        isMine: a.accountId === actor.accountId,
        createdAt: a.createdAt.toISOString(),
      };
    },
  );

  app.post(
    '/minutes/:id/publish',
    { schema: { tags, params: itemParamsSchema, response: { 200: minutesReplySchema } } },
    async (request) => {
      const actor = requireActor(request);
      const row = await publishMinutes(db, actor, request.params.id);
      const read = await readMinutes(db, actor, row.meetingId);
      return { minutes: read ? presentMinutes(read, actor) : null };
    },
  );
};
