import type { Actor } from '../../../domain/access';
import { NameDirectory, redactPublicText } from '../../../domain/publication/public-text';
import type { Db, DbOrTx } from '../../db/client';
import { AppError, notFound } from '../../errors';
import { authorize } from '../../plugins/authorize';
import { loadVisibleMatter, matterAccess, runMatterCommand } from '../matters';
import { namesIn } from './publication.directory';
import {
  confirmedBodies,
  confirmedTextsOf,
  labelBooks,
  publicationSources,
  type PublicationSource,
  saveConfirmedText,
  saveLabels,
} from './publication.repository';
import type { ConfirmPublicTextBody, PublicationReply, PublicTextKind } from '../../../contracts/publication';
import { sha256 } from '../../hash';
import { readTogether } from '../../db/together';

type Confirmed = { kind: string; sourceId: number; body: string; sourceDigest: string };

/**
 * The redactor's proposal for every source, in order, on one label book: the matter's, extended by each
 * text in turn. Confirming recomputes the same book, so the labels staff saw are the labels kept. A
 * source confirmed for its current text proposes its confirmed version.
 */
function proposeAll(
  sources: readonly PublicationSource[],
  confirmed: readonly Confirmed[],
  directory: NameDirectory,
  start: ReadonlyMap<string, string>,
) {
  let book = start;
  const proposals = sources.map((source) => {
    const done = confirmed.find((c) => c.kind === source.kind && c.sourceId === source.sourceId);
    const text = done && done.sourceDigest === sha256(source.text) ? done.body : source.text;
    const proposal = redactPublicText(text, directory, book);
    book = proposal.labels;
    return proposal;
  });
  return { proposals, book };
}

/**
 * 公开文本确认: each source text of the matter beside the redactor's proposal and what was confirmed.
 * Proposals share one label book (the matter's, plus labels proposed for earlier texts on this screen),
 * so a person carries the same label in every proposal.
 */
export async function readPublication(db: Db, actor: Actor, matterId: number): Promise<PublicationReply> {
  const { subject } = await loadVisibleMatter(db, actor, matterId);
  authorize(actor, 'matter.manage', subject, matterAccess);
  const [sources, confirmed, books] = await readTogether(db, [
    () => publicationSources(db, matterId),
    () => confirmedTextsOf(db, matterId),
    () => labelBooks(db, [matterId]),
  ]);
  const directory = await namesIn(db, [...sources.map((s) => s.text), ...confirmed.map((c) => c.body)]);
  const { proposals, book } = proposeAll(sources, confirmed, directory, books.get(matterId)!);
  const items = sources.map((source, i) => {
    const digest = sha256(source.text);
    const done = confirmed.find((c) => c.kind === source.kind && c.sourceId === source.sourceId);
    const proposal = proposals[i]!;
    return {
      kind: source.kind,
      sourceId: source.sourceId,
      context: source.context,
      original: source.text,
      sourceDigest: digest,
      proposed: proposal.text,
      hidden: proposal.hidden,
      state: !done
        ? ('unconfirmed' as const)
        : done.sourceDigest === digest
          ? ('confirmed' as const)
          : ('stale' as const),
      confirmed: done
        ? { body: done.body, confirmedAt: done.confirmedAt.toISOString(), confirmedBy: done.confirmedBy }
        : null,
    };
  });
  return { matterId, items, labels: [...book].map(([name, label]) => ({ name, label })) };
}

/**
 * Confirms the public version of one source text: the staff member's text (the proposal, perhaps
 * edited) is redacted again, so no name, phone or ID number can be put back; the matter's label book
 * keeps any new label. Refused when the source changed since the screen was read.
 */
export async function confirmPublicText(db: Db, actor: Actor, matterId: number, input: ConfirmPublicTextBody) {
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.manage',
    audit: 'publication.confirm',
    write: async (tx) => {
      const source = (await publicationSources(tx, matterId)).find(
        (s) => s.kind === input.kind && s.sourceId === input.sourceId,
      );
      if (!source) throw notFound('text');
      if (sha256(source.text) !== input.sourceDigest)
        throw new AppError(409, 'publication.source_changed', { field: 'sourceDigest' });
      // The labels the screen proposed (every text of the matter, in order), then the edit against them.
      const book = (await labelBooks(tx, [matterId])).get(matterId)!;
      const sources = await publicationSources(tx, matterId);
      const directory = await namesIn(tx, [...sources.map((s) => s.text), input.body]);
      const proposed = proposeAll(sources, [], directory, book);
      const redacted = redactPublicText(input.body, directory, proposed.book);
      await saveLabels(tx, matterId, redacted.labels, book.size);
      const saved = await saveConfirmedText(tx, {
        matterId,
        kind: input.kind,
        sourceId: input.sourceId,
        body: redacted.text,
        sourceDigest: input.sourceDigest,
        confirmedBy: actor.accountId,
      });
      return {
        payload: {
          kind: input.kind,
          sourceId: input.sourceId,
          sourceDigest: input.sourceDigest,
          publicDigest: sha256(redacted.text),
        },
        // What the public reads is covered by the chain too: an edit in storage no longer matches.
        texts: [{ kind: 'public_text', id: saved.id, field: 'body', text: saved.body }],
        result: { kind: saved.kind, sourceId: saved.sourceId, body: saved.body, confirmedAt: saved.confirmedAt },
      };
    },
  });
}

/**
 * The confirmed text of a source if it still matches `sourceText`, else a 409 naming what to confirm:
 * the guard of every step that makes a text public (publishing minutes, resolving a public matter).
 */
export async function requireConfirmedText(
  tx: DbOrTx,
  matterId: number,
  kind: PublicTextKind,
  sourceId: number,
  sourceText: string,
): Promise<string> {
  const rows = await confirmedTextsOf(tx, matterId);
  const row = rows.find((r) => r.kind === kind && r.sourceId === sourceId);
  if (!row || row.sourceDigest !== sha256(sourceText))
    throw new AppError(409, 'publication.unconfirmed', { details: { kind, sourceId } });
  return row.body;
}

/**
 * For public routes: the confirmed bodies of these matters (`${kind}:${sourceId}` → text) and a
 * redactor for the short texts that have no confirm step (titles, task notes, answers). Those texts
 * are given up front, as their names are looked up with them; redacting any other text is a bug and
 * throws. The redactor uses each matter's label book but never adds to it: a name the book does not
 * know becomes 某居民.
 */
export async function publicTextsOf(db: DbOrTx, matterIds: readonly number[], texts: readonly string[]) {
  const ids = [...new Set(matterIds)];
  const [directory, bodies, books] = await readTogether(db, [
    () => namesIn(db, texts),
    () => confirmedBodies(db, ids),
    () => labelBooks(db, ids),
  ]);
  const given = new Set(texts);
  const redact = (matterId: number, text: string): string => {
    if (!given.has(text)) throw new Error('publicTextsOf: a text to redact must be given up front');
    return redactPublicText(text, directory, books.get(matterId), { isBookFixed: true }).text;
  };
  return {
    confirmed: (kind: PublicTextKind, sourceId: number): string | null => bodies.get(`${kind}:${sourceId}`) ?? null,
    redact,
  };
}

/**
 * Confirms the redactor's proposals unchanged for the unconfirmed (or stale) texts of these kinds: what
 * a staff member does who reads the screen and accepts every proposal (the demo seed drives it).
 */
export async function confirmProposals(db: Db, actor: Actor, matterId: number, kinds: readonly PublicTextKind[]) {
  const { items } = await readPublication(db, actor, matterId);
  for (const item of items) {
    if (item.state === 'confirmed' || !kinds.includes(item.kind)) continue;
    const { kind, sourceId, proposed: body, sourceDigest } = item;
    await confirmPublicText(db, actor, matterId, { kind, sourceId, body, sourceDigest });
  }
}
