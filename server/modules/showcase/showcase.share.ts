import fs from 'node:fs';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { DbOrTx } from '../../db/client';
import { publicTextsOf } from '../publication';
import { snippet } from './showcase.people';
import { findShareMatter } from './showcase.repository';

/** The image a share preview shows when a matter has no 'after' photo (web/public). */
export const DEFAULT_SHARE_IMAGE = '/share.png';

export type ShareTags = { title: string; description: string; image: string };

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** index.html with its <title> and description replaced and Open Graph tags added. */
export function withShareTags(indexHtml: string, tags: ShareTags): string {
  const title = escapeHtml(tags.title);
  const description = escapeHtml(tags.description);
  const og = [
    `<meta property="og:type" content="article" />`,
    `<meta property="og:title" content="${title}" />`,
    `<meta property="og:description" content="${description}" />`,
    `<meta property="og:image" content="${escapeHtml(tags.image)}" />`,
    `<meta name="twitter:card" content="summary_large_image" />`,
  ].join('\n    ');
  // Replacer functions: a string replacement would read `$&`, `$'` or `$1` in a title as patterns.
  return indexHtml
    .replace(/<title>[^<]*<\/title>/, () => `<title>${title}</title>\n    ${og}`)
    .replace(
      /<meta name="description" content="[^"]*" \/>/,
      () => `<meta name="description" content="${description}" />`,
    );
}

/** Share tags of a public, decided matter (redacted title, confirmed resolution snippet, after photo), or undefined. */
export async function matterShareTags(db: DbOrTx, matterId: number, origin: string): Promise<ShareTags | undefined> {
  const row = await findShareMatter(db, matterId);
  if (!row) return undefined;
  const texts = await publicTextsOf(db, [row.id], [row.title]);
  const resolution = row.resolution_id === null ? null : texts.confirmed('resolution', row.resolution_id);
  return {
    title: `${texts.redact(row.id, row.title)} · 议事`,
    description: resolution ? snippet(resolution, 120) : '社区议事协商成果',
    image: `${origin}${row.after_id ? `/api/public/matter-files/${row.after_id}` : DEFAULT_SHARE_IMAGE}`,
  };
}

const showcaseTags = (origin: string): ShareTags => ({
  title: '成果展示 · 议事',
  description: '各社区议事协商的成果：议定了什么、怎么议定的、落实得怎样。',
  image: `${origin}${DEFAULT_SHARE_IMAGE}`,
});

const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/**
 * Share pages: /showcase and /public/matters/:id answer the SPA's index.html with the matter's title,
 * description and image filled in server-side, so chat apps and crawlers (which run no JavaScript)
 * show a preview. Redacted data only; an unknown or non-public matter gets the plain page (the SPA
 * shows its own 404), so the reply does not reveal whether it exists.
 */
export const sharePages: FastifyPluginAsync<{ db: DbOrTx; indexFile: string }> = async (app, { db, indexFile }) => {
  const indexHtml = () => fs.readFileSync(indexFile, 'utf8');
  const send = (html: string, cache: string) => ({ html, cache });
  app.get('/showcase', async (request, reply) => {
    const page = send(withShareTags(indexHtml(), showcaseTags(originOf(request))), 'public, max-age=60');
    return reply.type('text/html').header('cache-control', page.cache).send(page.html);
  });
  app.get<{ Params: { id: string } }>('/public/matters/:id', async (request, reply) => {
    const id = Number(request.params.id);
    const tags =
      Number.isSafeInteger(id) && id > 0 && id < 2 ** 31 ? await matterShareTags(db, id, originOf(request)) : undefined;
    const html = tags ? withShareTags(indexHtml(), tags) : indexHtml();
    return reply
      .type('text/html')
      .header('cache-control', tags ? 'public, max-age=60' : 'no-cache')
      .send(html);
  });
};
