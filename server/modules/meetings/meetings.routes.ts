import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { presentMeeting, presentMinutes, presentSheet } from './meetings.presenter';
import {
  AmendmentBodySchema,
  AmendmentViewSchema,
  AnswerBodySchema,
  AttendanceBodySchema,
  ItemParamsSchema,
  MeetingDetailViewSchema,
  MeetingsReplySchema,
  MeetingViewSchema,
  MinutesBodySchema,
  MinutesReplySchema,
  OpenAmendmentsBodySchema,
  ScheduleBodySchema,
  SheetReplySchema,
  SignInBodySchema,
  SignInReplySchema,
} from '../../../contracts/meetings';
import { MatterParamsSchema } from '../../../contracts/common';
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
    { schema: { tags, params: MatterParamsSchema, body: ScheduleBodySchema, response: { 201: MeetingViewSchema } } },
    async (request, reply) => {
      const meeting = await scheduleMeeting(db, requireActor(request), request.params.id, request.body);
      return reply.status(201).send(presentMeeting(meeting, true));
    },
  );

  app.get(
    '/matters/:id/meetings',
    { schema: { tags, params: MatterParamsSchema, response: { 200: MeetingsReplySchema } } },
    async (request) => {
      const { rows, runs } = await listMeetings(db, requireActor(request), request.params.id);
      return { items: rows.map((m) => presentMeeting(m, runs)) };
    },
  );

  app.get(
    '/meetings/:id',
    { schema: { tags, params: ItemParamsSchema, response: { 200: MeetingDetailViewSchema } } },
    async (request) => {
      const read = await readMeetingForViewer(db, requireActor(request), request.params.id);
      return { ...presentMeeting(read.meeting, read.runs), isInvited: read.isInvited, mySignIn: read.mySignIn };
    },
  );

  app.post(
    '/meetings/:id/close',
    { schema: { tags, params: ItemParamsSchema, response: { 200: MeetingViewSchema } } },
    async (request) => presentMeeting(await closeMeeting(db, requireActor(request), request.params.id), true),
  );

  app.post(
    '/meetings/:id/sign-in',
    { schema: { tags, params: ItemParamsSchema, body: SignInBodySchema, response: { 200: SignInReplySchema } } },
    async (request) => signInByCode(db, requireActor(request), request.params.id, request.body.code),
  );

  app.post(
    '/meetings/:id/attendance',
    { schema: { tags, params: ItemParamsSchema, body: AttendanceBodySchema, response: { 200: SignInReplySchema } } },
    async (request) => markAttendance(db, requireActor(request), request.params.id, request.body.invitationId),
  );

  app.get(
    '/meetings/:id/sheet',
    { schema: { tags, params: ItemParamsSchema, response: { 200: SheetReplySchema } } },
    async (request) => {
      const actor = requireActor(request);
      return presentSheet(await readSheet(db, actor, request.params.id), actor);
    },
  );

  app.get(
    '/meetings/:id/minutes',
    { schema: { tags, params: ItemParamsSchema, response: { 200: MinutesReplySchema } } },
    async (request) => {
      const actor = requireActor(request);
      const read = await readMinutes(db, actor, request.params.id);
      return { minutes: read ? presentMinutes(read, actor) : null };
    },
  );

  app.post(
    '/meetings/:id/minutes',
    { schema: { tags, params: ItemParamsSchema, body: MinutesBodySchema, response: { 200: MinutesReplySchema } } },
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
      schema: { tags, params: ItemParamsSchema, body: OpenAmendmentsBodySchema, response: { 200: MinutesReplySchema } },
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
    { schema: { tags, params: ItemParamsSchema, body: AmendmentBodySchema, response: { 201: AmendmentViewSchema } } },
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
    { schema: { tags, params: ItemParamsSchema, body: AnswerBodySchema, response: { 200: AmendmentViewSchema } } },
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
    { schema: { tags, params: ItemParamsSchema, response: { 200: MinutesReplySchema } } },
    async (request) => {
      const actor = requireActor(request);
      const row = await publishMinutes(db, actor, request.params.id);
      const read = await readMinutes(db, actor, row.meetingId);
      return { minutes: read ? presentMinutes(read, actor) : null };
    },
  );
};
