import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import {
  MyTalentNominationsReplySchema,
  NominateBodySchema,
  PublicTalentsQuerySchema,
  PublicTalentsSchema,
  TalentNominationParamsSchema,
  TalentNominationsQuerySchema,
  TalentNominationsReplySchema,
  TalentNominationViewSchema,
  TalentSelectionBodySchema,
  TalentSelectionDetailSchema,
  TalentSelectionParamsSchema,
  TalentSelectionsReplySchema,
  TalentSelectionViewSchema,
} from '../../../contracts/talents';
import { presentNominationSummary, presentSelection } from './talents.presenter';
import { readMyNominations, readNomination, readPublicTalents, readSelectionDetail } from './talents-read.service';
import { consentTo, listNominations, myNominations, nominate } from './talent-nominations.service';
import { createSelection, listSelections, managesAnySelection, moveSelectionBy } from './talent-selections.service';
import { nominationCounts } from './talents.repository';

const tags = ['talents'];
const selectionParams = TalentSelectionParamsSchema;
const nominationParams = TalentNominationParamsSchema;

/** 领军人才遴选: selections per city and year, nominations and consent, lists and the public notice. */
export const talentsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  // Public pages tolerate a few seconds of lag: the read replica when one is set (AppDeps.readDb).
  const { db, readDb } = deps;

  app.get(
    '/talent-selections',
    { schema: { tags, response: { 200: TalentSelectionsReplySchema } } },
    async (request) => {
      const actor = requireActor(request);
      const { rows, counts } = await listSelections(db);
      return {
        items: rows.map((r) => presentSelection(actor, r, counts)),
        abilities: { 'talentSelection.manage': managesAnySelection(actor) },
      };
    },
  );

  app.post(
    '/talent-selections',
    { schema: { tags, body: TalentSelectionBodySchema, response: { 201: TalentSelectionViewSchema } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const row = await createSelection(db, actor, request.body);
      return reply.status(201).send(presentSelection(actor, row, []));
    },
  );

  app.get(
    '/talent-selections/:id',
    { schema: { tags, params: selectionParams, response: { 200: TalentSelectionDetailSchema } } },
    async (request) => readSelectionDetail(db, requireActor(request), request.params.id),
  );

  for (const command of ['open', 'review', 'close'] as const) {
    app.post(
      `/talent-selections/:id/${command}`,
      { schema: { tags, params: selectionParams, response: { 200: TalentSelectionViewSchema } } },
      async (request) => {
        const actor = requireActor(request);
        const row = await moveSelectionBy(db, actor, request.params.id, command);
        return presentSelection(actor, row, await nominationCounts(db, [row.id]));
      },
    );
  }

  app.post(
    '/talent-selections/:id/nominations',
    {
      schema: {
        tags,
        params: selectionParams,
        body: NominateBodySchema,
        response: { 201: TalentNominationViewSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const id = await nominate(db, actor, request.params.id, request.body);
      return reply.status(201).send(await readNomination(db, actor, id));
    },
  );

  app.get(
    '/talent-nominations',
    { schema: { tags, querystring: TalentNominationsQuerySchema, response: { 200: TalentNominationsReplySchema } } },
    async (request) => {
      const { items, total } = await listNominations(db, requireActor(request), request.query);
      return { items: items.map(presentNominationSummary), total };
    },
  );

  app.get(
    '/talent-nominations/mine',
    { schema: { tags, response: { 200: MyTalentNominationsReplySchema } } },
    async (request) => {
      const actor = requireActor(request);
      return { items: await readMyNominations(db, actor, await myNominations(db, actor)) };
    },
  );

  app.get(
    '/talent-nominations/:id',
    { schema: { tags, params: nominationParams, response: { 200: TalentNominationViewSchema } } },
    async (request) => readNomination(db, requireActor(request), request.params.id),
  );

  app.post(
    '/talent-nominations/:id/consent',
    { schema: { tags, params: nominationParams, response: { 200: TalentNominationViewSchema } } },
    async (request) => {
      const actor = requireActor(request);
      await consentTo(db, actor, request.params.id);
      return readNomination(db, actor, request.params.id);
    },
  );

  app.get(
    '/public/talents',
    { schema: { tags: ['public'], querystring: PublicTalentsQuerySchema, response: { 200: PublicTalentsSchema } } },
    async (request, reply) =>
      reply.header('cache-control', 'public, max-age=60').send(await readPublicTalents(readDb, request.query.year)),
  );
};
