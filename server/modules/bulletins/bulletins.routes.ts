import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps';
import { requireActor } from '../../plugins/session';
import { buildBulletinDocx } from './bulletins.docx';
import { monthLabel } from './bulletins.labels';
import { bulletinListReply, bulletinParams, bulletinReply, generateBody, placeParams } from './bulletins.schemas';
import { generateBulletin, listBulletins, readBulletin } from './bulletins.service';
import { buildBulletinXlsx } from './bulletins.xlsx';

const tags = ['bulletins'];
const types = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** attachment; the Chinese name for browsers that read filename*, an ASCII one for the rest. */
const attachment = (name: string, ascii: string) =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** 月度通报: generate (upsert) a place's bulletin for a month, read it, download it as .docx or .xlsx. */
export const bulletinsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;

  app.get(
    '/places/:id/bulletins',
    { schema: { tags, params: placeParams, response: { 200: bulletinListReply } } },
    async (request) => listBulletins(db, requireActor(request), request.params.id),
  );

  app.post(
    '/places/:id/bulletins',
    { schema: { tags, params: placeParams, body: generateBody, response: { 200: bulletinReply } } },
    async (request) => generateBulletin(db, requireActor(request), request.params.id, request.body.month),
  );

  app.get(
    '/bulletins/:placeId/:month',
    { schema: { tags, params: bulletinParams, response: { 200: bulletinReply } } },
    async (request) => readBulletin(db, requireActor(request), request.params.placeId, request.params.month),
  );

  for (const format of ['docx', 'xlsx'] as const) {
    app.get(
      `/bulletins/:placeId/:month/${format}`,
      { schema: { tags, params: bulletinParams } },
      async (request, reply) => {
        const { placeId, month } = request.params;
        const { content } = await readBulletin(db, requireActor(request), placeId, month);
        // The QR code leads to the online page on the host the file was downloaded from.
        const pageUrl = `${request.protocol}://${request.host}/bulletins/${placeId}/${month}`;
        const bytes = format === 'docx' ? await buildBulletinDocx(content, pageUrl) : await buildBulletinXlsx(content);
        const name = `${content.place.name}${monthLabel(month)}议事工作通报.${format}`;
        return reply
          .header('content-type', types[format])
          .header('content-disposition', attachment(name, `bulletin-${placeId}-${month}.${format}`))
          .header('cache-control', 'private, no-store')
          .send(bytes);
      },
    );
  }
};
