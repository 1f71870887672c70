import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import {
  AttendanceBodySchema,
  EnrolByPhoneBodySchema,
  ProgrammeViewSchema,
  RecordReplySchema,
  ScoreBodySchema,
  SignInBodySchema,
  SignInReplySchema,
  TrainingParamsSchema,
} from '../../../contracts/training';
import { presentProgramme } from './training.presenter';
import { readProgramme } from './training.service';
import {
  completeParticipant,
  enrolByPhone,
  enrolSelf,
  failParticipant,
  markAttendance,
  recordScore,
  signInByCode,
} from './participants.service';
import { readRecord } from './micro-leaders.service';

const tags = ['training'];

/** 学员: enrolment, sign-in by code, attendance marked by staff, assessments and completion; one's record. */
export const trainingParticipantRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const params = TrainingParamsSchema;
  const view = { 200: ProgrammeViewSchema };
  const reread = async (request: Parameters<typeof requireActor>[0], programmeId: number) => {
    const actor = requireActor(request);
    return presentProgramme(actor, await readProgramme(db, actor, programmeId));
  };

  app.post('/training/programmes/:id/enrol', { schema: { tags, params, response: view } }, async (request) => {
    await enrolSelf(db, requireActor(request), request.params.id);
    return reread(request, request.params.id);
  });

  app.post(
    '/training/programmes/:id/participants',
    { schema: { tags, params, body: EnrolByPhoneBodySchema, response: view } },
    async (request) => {
      await enrolByPhone(db, requireActor(request), request.params.id, request.body.phone);
      return reread(request, request.params.id);
    },
  );

  app.post(
    '/training/sign-in',
    { schema: { tags, body: SignInBodySchema, response: { 200: SignInReplySchema } } },
    async (request) => signInByCode(db, requireActor(request), request.body.code),
  );

  app.post(
    '/training/sessions/:id/attendance',
    { schema: { tags, params, body: AttendanceBodySchema, response: view } },
    async (request) => {
      const programmeId = await markAttendance(
        db,
        requireActor(request),
        request.params.id,
        request.body.participantId,
      );
      return reread(request, programmeId);
    },
  );

  app.put(
    '/training/participants/:id/score',
    { schema: { tags, params, body: ScoreBodySchema, response: view } },
    async (request) => {
      const programmeId = await recordScore(db, requireActor(request), request.params.id, request.body.score);
      return reread(request, programmeId);
    },
  );

  app.post('/training/participants/:id/complete', { schema: { tags, params, response: view } }, async (request) => {
    return reread(request, await completeParticipant(db, requireActor(request), request.params.id));
  });

  app.post('/training/participants/:id/fail', { schema: { tags, params, response: view } }, async (request) => {
    return reread(request, await failParticipant(db, requireActor(request), request.params.id));
  });

  app.get('/account/training', { schema: { tags, response: { 200: RecordReplySchema } } }, async (request) =>
    readRecord(db, requireActor(request)),
  );
};
