import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { MatterParamsSchema, PlaceParamsSchema } from '../../../contracts/common';
import { MatterIdReplySchema, ReferBodySchema } from '../../../contracts/matters';
import {
  AnswerReferralBodySchema,
  AppointLiaisonBodySchema,
  CommitteeReplySchema,
  CreateDepartmentBodySchema,
  DepartmentBehindQuerySchema,
  DepartmentBehindReplySchema,
  DepartmentOptionsReplySchema,
  DepartmentParamsSchema,
  DepartmentStatsQuerySchema,
  DepartmentStatsReplySchema,
  HandBackReferralBodySchema,
  IdReplySchema,
  LiaisonParamsSchema,
  MatterReferralsReplySchema,
  QueueQuerySchema,
  QueueReplySchema,
  ReferralBodySchema,
  ReferralParamsSchema,
  ReferralReplySchema,
  RevokeLiaisonBodySchema,
} from '../../../contracts/departments';
import {
  appointLiaison,
  createDepartment,
  listDepartmentOptions,
  readCommittee,
  revokeLiaison,
} from './departments.service';
import { readDepartmentBehind, readDepartmentStats } from './department-stats.service';
import {
  acceptReferral,
  answerReferral,
  handBackReferral,
  readMatterReferrals,
  readQueue,
  readReferral,
  referAgain,
  referMatter,
} from './referrals.service';

const tags = ['departments'];

/**
 * 社工委 and 转办: a city's or town's departments and their liaisons, referring matters and tasks to
 * them, the liaisons' queue and answers, and each department's figures with the referrals behind them.
 */
export const departmentsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    '/places/:id/committee',
    { schema: { tags, params: PlaceParamsSchema, response: { 200: CommitteeReplySchema } } },
    async (request) => readCommittee(db, requireActor(request), request.params.id),
  );
  app.get(
    '/places/:id/departments',
    { schema: { tags, params: PlaceParamsSchema, response: { 200: DepartmentOptionsReplySchema } } },
    async (request) => listDepartmentOptions(db, requireActor(request), request.params.id),
  );
  app.post(
    '/places/:id/departments',
    { schema: { tags, params: PlaceParamsSchema, body: CreateDepartmentBodySchema, response: { 201: IdReplySchema } } },
    async (request, reply) =>
      reply.status(201).send(await createDepartment(db, requireActor(request), request.params.id, request.body)),
  );
  app.post(
    '/departments/:id/liaisons',
    {
      schema: {
        tags,
        params: DepartmentParamsSchema,
        body: AppointLiaisonBodySchema,
        response: { 201: IdReplySchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await appointLiaison(db, requireActor(request), request.params.id, request.body)),
  );
  app.delete(
    '/departments/:id/liaisons/:accountId',
    { schema: { tags, params: LiaisonParamsSchema, body: RevokeLiaisonBodySchema, response: { 200: IdReplySchema } } },
    async (request) =>
      revokeLiaison(db, requireActor(request), request.params.id, request.params.accountId, request.body.reason),
  );

  app.post(
    '/matters/:id/refer',
    { schema: { tags, params: MatterParamsSchema, body: ReferBodySchema, response: { 200: MatterIdReplySchema } } },
    async (request) => referMatter(db, requireActor(request), request.params.id, request.body),
  );
  app.get(
    '/matters/:id/referrals',
    { schema: { tags, params: MatterParamsSchema, response: { 200: MatterReferralsReplySchema } } },
    async (request) => readMatterReferrals(db, requireActor(request), request.params.id),
  );
  app.post(
    '/matters/:id/referrals',
    { schema: { tags, params: MatterParamsSchema, body: ReferralBodySchema, response: { 201: IdReplySchema } } },
    async (request, reply) =>
      reply.status(201).send(await referAgain(db, requireActor(request), request.params.id, request.body)),
  );

  app.get(
    '/referrals',
    { schema: { tags, querystring: QueueQuerySchema, response: { 200: QueueReplySchema } } },
    async (request) => readQueue(db, requireActor(request), request.query.status),
  );
  app.get(
    '/referrals/:id',
    { schema: { tags, params: ReferralParamsSchema, response: { 200: ReferralReplySchema } } },
    async (request) => readReferral(db, requireActor(request), request.params.id),
  );
  app.post(
    '/referrals/:id/accept',
    { schema: { tags, params: ReferralParamsSchema, response: { 200: IdReplySchema } } },
    async (request) => acceptReferral(db, requireActor(request), request.params.id),
  );
  app.post(
    '/referrals/:id/answer',
    {
      schema: { tags, params: ReferralParamsSchema, body: AnswerReferralBodySchema, response: { 200: IdReplySchema } },
    },
    async (request) => answerReferral(db, requireActor(request), request.params.id, request.body.reply),
  );
  app.post(
    '/referrals/:id/hand-back',
    {
      schema: {
        tags,
        params: ReferralParamsSchema,
        body: HandBackReferralBodySchema,
        response: { 200: IdReplySchema },
      },
    },
    async (request) => handBackReferral(db, requireActor(request), request.params.id, request.body.reason),
  );

  app.get(
    '/places/:id/department-statistics',
    {
      schema: {
        tags,
        params: PlaceParamsSchema,
        querystring: DepartmentStatsQuerySchema,
        response: { 200: DepartmentStatsReplySchema },
      },
    },
    async (request) => readDepartmentStats(db, requireActor(request), request.params.id, request.query),
  );
  app.get(
    '/places/:id/department-statistics/referrals',
    {
      schema: {
        tags,
        params: PlaceParamsSchema,
        querystring: DepartmentBehindQuerySchema,
        response: { 200: DepartmentBehindReplySchema },
      },
    },
    async (request) => readDepartmentBehind(db, requireActor(request), request.params.id, request.query),
  );
};
