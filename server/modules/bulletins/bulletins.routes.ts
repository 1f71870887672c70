import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { buildBulletinDocx } from './bulletins.docx';
import { monthLabel } from './bulletins.labels';
import { listPublicBulletins, publicBulletinPath, publicViewOf, readPublicBulletin } from './bulletins.public';
import {
  BulletinListReplySchema,
  BulletinParamsSchema,
  BulletinReplySchema,
  GenerateBodySchema,
  PublicBulletinListReplySchema,
  PublicBulletinReplySchema,
} from '../../../contracts/bulletins';
import { PlaceParamsSchema } from '../../../contracts/common';
import { generateBulletin, listBulletins, readBulletin } from './bulletins.service';
import { buildBulletinXlsx } from './bulletins.xlsx';

const tags = ['bulletins'];
/** Like the other public reads: nothing personal, shared caches may keep it a minute. */
const PUBLIC_CACHE = 'public, max-age=60';
const types = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** attachment; the Chinese name for browsers that read filename*, an ASCII one for the rest. */
const attachment = (name: string, ascii: string) =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/**
 * 月度通报: generate (upsert) a place's bulletin for a month, read it, download it as .docx or .xlsx;
 * and the public reads (no login) the printed QR code and the notice board lead to.
 */
export const bulletinsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  // Public reads tolerate a few seconds of lag (the read replica when one is set); staff reads stay on
  // the primary: staff download a bulletin right after generating it.
  const { db, readDb } = deps;

  app.get(
    '/places/:id/bulletins',
    { schema: { tags, params: PlaceParamsSchema, response: { 200: BulletinListReplySchema } } },
    async (request) => listBulletins(db, requireActor(request), request.params.id),
  );

  app.post(
    '/places/:id/bulletins',
    { schema: { tags, params: PlaceParamsSchema, body: GenerateBodySchema, response: { 200: BulletinReplySchema } } },
    async (request) => generateBulletin(db, requireActor(request), request.params.id, request.body.month),
  );

  app.get(
    '/bulletins/:placeId/:month',
    { schema: { tags, params: BulletinParamsSchema, response: { 200: BulletinReplySchema } } },
    async (request) => readBulletin(db, requireActor(request), request.params.placeId, request.params.month),
  );

  for (const format of ['docx', 'xlsx'] as const) {
    app.get(
      `/bulletins/:placeId/:month/${format}`,
      { schema: { tags, params: BulletinParamsSchema } },
      async (request, reply) => {
        const { placeId, month } = request.params;
        const { content, generatedAt } = await readBulletin(db, requireActor(request), placeId, month);
        // The .docx is posted on a notice board: it prints the public bulletin, with a QR code to the
        // public page (no login) on the host it was downloaded from. The .xlsx is the staff working file.
        const pageUrl = `${request.protocol}://${request.host}${publicBulletinPath(placeId, month)}`;
        const bytes =
          format === 'docx'
            ? await buildBulletinDocx(await publicViewOf(db, content, new Date(generatedAt)), pageUrl)
            : await buildBulletinXlsx(content);
        const name = `${content.place.name}${monthLabel(month)}议事工作通报.${format}`;
        return reply
          .header('content-type', types[format])
          .header('content-disposition', attachment(name, `bulletin-${placeId}-${month}.${format}`))
          .header('cache-control', 'private, no-store')
          .send(bytes);
      },
    );
  }

  app.get(
    '/public/bulletins/:placeId/:month',
    { schema: { tags: ['public'], params: BulletinParamsSchema, response: { 200: PublicBulletinReplySchema } } },
    async (request, reply) =>
      reply
        .header('cache-control', PUBLIC_CACHE)
        .send(await readPublicBulletin(readDb, request.params.placeId, request.params.month)),
  );

  app.get(
    '/public/places/:id/bulletins',
    { schema: { tags: ['public'], params: PlaceParamsSchema, response: { 200: PublicBulletinListReplySchema } } },
    async (request, reply) =>
      reply.header('cache-control', PUBLIC_CACHE).send(await listPublicBulletins(readDb, request.params.id)),
  );
};
