import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import {
  DeclineBodySchema,
  RuleOutBodySchema,
  TalentAnswerBodySchema,
  TalentIdReplySchema,
  TalentNominationParamsSchema,
  TalentNominationViewSchema,
  TalentObjectionBodySchema,
  TalentObjectionParamsSchema,
  TalentReviewBodySchema,
} from '../../../contracts/talents';
import { readNomination } from './talents-read.service';
import { buildCertificateDocx } from './talent-certificate.docx';
import {
  answerObjection,
  certificateOf,
  confirmNomination,
  declineNomination,
  decideEligibility,
  noticeNomination,
  raiseTalentObjection,
  scoreNomination,
} from './talent-review.service';

const tags = ['talents'];
const params = TalentNominationParamsSchema;
const reply = { 200: TalentNominationViewSchema };
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The city's side: eligibility, scores, the public notice, objections, naming and the certificate. */
export const talentReviewRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  /** Runs one command on the nomination, then answers with it as the actor now sees it. */
  const thenRead = async (request: Parameters<typeof requireActor>[0], id: number, run: () => Promise<unknown>) => {
    await run();
    return readNomination(db, requireActor(request), id);
  };

  app.post('/talent-nominations/:id/admit', { schema: { tags, params, response: reply } }, async (request) =>
    thenRead(request, request.params.id, () =>
      decideEligibility(db, requireActor(request), request.params.id, 'admit'),
    ),
  );

  app.post(
    '/talent-nominations/:id/rule-out',
    { schema: { tags, params, body: RuleOutBodySchema, response: reply } },
    async (request) =>
      thenRead(request, request.params.id, () =>
        decideEligibility(db, requireActor(request), request.params.id, 'ruleOut', request.body.reason),
      ),
  );

  app.put(
    '/talent-nominations/:id/review',
    { schema: { tags, params, body: TalentReviewBodySchema, response: reply } },
    async (request) =>
      thenRead(request, request.params.id, () =>
        scoreNomination(db, requireActor(request), request.params.id, request.body),
      ),
  );

  app.post('/talent-nominations/:id/notice', { schema: { tags, params, response: reply } }, async (request) =>
    thenRead(request, request.params.id, () => noticeNomination(db, requireActor(request), request.params.id)),
  );

  app.post('/talent-nominations/:id/confirm', { schema: { tags, params, response: reply } }, async (request) =>
    thenRead(request, request.params.id, () => confirmNomination(db, requireActor(request), request.params.id)),
  );

  app.post(
    '/talent-nominations/:id/decline',
    { schema: { tags, params, body: DeclineBodySchema, response: reply } },
    async (request) =>
      thenRead(request, request.params.id, () =>
        declineNomination(db, requireActor(request), request.params.id, request.body.reason),
      ),
  );

  app.post(
    '/talent-nominations/:id/objections',
    { schema: { tags, params, body: TalentObjectionBodySchema, response: { 201: TalentIdReplySchema } } },
    async (request, res) => {
      const id = await raiseTalentObjection(db, requireActor(request), request.params.id, request.body.body);
      return res.status(201).send({ id });
    },
  );

  app.post(
    '/talent-objections/:id/answer',
    {
      schema: {
        tags,
        params: TalentObjectionParamsSchema,
        body: TalentAnswerBodySchema,
        response: reply,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const nominationId = await answerObjection(db, actor, request.params.id, request.body);
      return readNomination(db, actor, nominationId);
    },
  );

  app.get('/talent-nominations/:id/certificate', { schema: { tags, params } }, async (request, res) => {
    const facts = await certificateOf(db, requireActor(request), request.params.id);
    const name = `${facts.title}荣誉证书-${facts.certificateNo}.docx`;
    return res
      .header('content-type', DOCX)
      .header(
        'content-disposition',
        `attachment; filename="certificate-${facts.certificateNo}.docx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      )
      .header('cache-control', 'private, no-store')
      .send(await buildCertificateDocx(facts));
  });
};
