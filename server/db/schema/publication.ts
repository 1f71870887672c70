import { integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { publicTextKinds } from '../../../domain/publication/public-text';
import { accounts } from './accounts';
import { matters } from './matters';

export { publicTextKinds };

/**
 * 公开文本: the redacted version of one source text (minutes, resolution, a notice's title or body) that
 * staff confirmed; the only version public routes read. `source_digest` is the SHA-256 of the source it
 * was made from: when the source changes the row no longer matches and must be confirmed again.
 */
export const publicTexts = pgTable(
  'public_texts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    matterId: integer('matter_id')
      .notNull()
      .references(() => matters.id),
    kind: text('kind', { enum: publicTextKinds }).notNull(),
    sourceId: integer('source_id').notNull(),
    body: text('body').notNull(),
    sourceDigest: text('source_digest').notNull(),
    confirmedBy: integer('confirmed_by')
      .notNull()
      .references(() => accounts.id),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('public_texts_source_key').on(t.matterId, t.kind, t.sourceId)],
);

/** A matter's label book: which label (居民A, 工作人员, 受邀方) a name carries in all its public texts. */
export const publicLabels = pgTable(
  'public_labels',
  {
    matterId: integer('matter_id')
      .notNull()
      .references(() => matters.id),
    name: text('name').notNull(),
    label: text('label').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.matterId, t.name] })],
);
