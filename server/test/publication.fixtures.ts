import { redactPublicText } from '../../domain/publication/public-text';
import type { Db } from '../db/client';
import { namesIn } from '../modules/publication';
import {
  labelBooks,
  publicationSources,
  saveConfirmedText,
  saveLabels,
} from '../modules/publication/publication.repository';
import { sha256 } from '../hash';

/**
 * Confirms every source text of a matter as the redactor proposes it, written directly like the other
 * fixtures (no audit entry): for tests about what public routes show of confirmed texts.
 */
export async function confirmPublicTexts(db: Db, matterId: number, accountId: number) {
  const sources = await publicationSources(db, matterId);
  const directory = await namesIn(
    db,
    sources.map((s) => s.text),
  );
  const book = (await labelBooks(db, [matterId])).get(matterId)!;
  let labels: ReadonlyMap<string, string> = book;
  const bodies = new Map<string, string>();
  for (const source of sources) {
    const out = redactPublicText(source.text, directory, labels);
    labels = out.labels;
    bodies.set(`${source.kind}:${source.sourceId}`, out.text);
    await saveConfirmedText(db, {
      matterId,
      kind: source.kind,
      sourceId: source.sourceId,
      body: out.text,
      sourceDigest: sha256(source.text),
      confirmedBy: accountId,
    });
  }
  await saveLabels(db, matterId, labels, book.size);
  return bodies;
}

type Client = {
  get: (url: string) => Promise<{ statusCode: number; json: () => unknown; body: string }>;
  post: (url: string, body?: unknown) => Promise<{ statusCode: number; json: () => unknown; body: string }>;
};
type Item = { kind: string; sourceId: number; proposed: string; sourceDigest: string; state: string };

/**
 * Confirms, through the routes as staff do, every text of the matter that is not confirmed for its
 * current source, as the redactor proposes it; `only` limits it to one kind. Returns the final reply.
 */
export async function confirmThroughRoutes(client: Client, matterId: number, only?: string) {
  const url = `/api/matters/${matterId}/public-texts`;
  const read = await client.get(url);
  if (read.statusCode !== 200) throw new Error(`public texts: ${read.statusCode} ${read.body}`);
  let reply = read.json() as { items: Item[] };
  for (const item of reply.items) {
    if (item.state === 'confirmed' || (only && item.kind !== only)) continue;
    const { kind, sourceId, proposed: body, sourceDigest } = item;
    const confirmed = await client.post(url, { kind, sourceId, body, sourceDigest });
    if (confirmed.statusCode !== 200) throw new Error(`confirm ${kind}: ${confirmed.statusCode} ${confirmed.body}`);
    reply = confirmed.json() as { items: Item[] };
  }
  return reply;
}
