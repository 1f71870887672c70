import { inArray } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { parseTextKey, textKey } from '../../../domain/matters/chain-texts';
import type { DbOrTx } from '../../db/client';
import {
  ballots,
  comments,
  evaluations,
  followUps,
  meetings,
  minuteAmendments,
  minutes,
  matters,
  notices,
  objections,
  publicTexts,
  referrals,
  resolutions,
  supervisionFindings,
  supervisionReviews,
  taskProgress,
  tasks,
} from '../../db/schema';

type TextSource = { table: PgTable; id: PgColumn; fields: Record<string, PgColumn> };

/**
 * Where each kind of covered text is stored: the `kind` and `field` of a text key (`comment:45:body`)
 * name a table and a column here. A key naming anything else reads as missing.
 */
const textSources: Record<string, TextSource> = {
  matter: {
    table: matters,
    id: matters.id,
    fields: { title: matters.title, description: matters.description, declineReason: matters.declineReason },
  },
  comment: { table: comments, id: comments.id, fields: { body: comments.body, hiddenReason: comments.hiddenReason } },
  notice: { table: notices, id: notices.id, fields: { title: notices.title, body: notices.body } },
  meeting: { table: meetings, id: meetings.id, fields: { agenda: meetings.agenda } },
  minutes: {
    table: minutes,
    id: minutes.id,
    fields: { bodyFull: minutes.bodyFull, bodyPublished: minutes.bodyPublished },
  },
  minute_amendment: {
    table: minuteAmendments,
    id: minuteAmendments.id,
    fields: { body: minuteAmendments.body, answer: minuteAmendments.answer },
  },
  resolution: { table: resolutions, id: resolutions.id, fields: { body: resolutions.body } },
  objection: { table: objections, id: objections.id, fields: { body: objections.body, answer: objections.answer } },
  task: { table: tasks, id: tasks.id, fields: { title: tasks.title } },
  task_progress: { table: taskProgress, id: taskProgress.id, fields: { note: taskProgress.note } },
  follow_up: { table: followUps, id: followUps.id, fields: { comment: followUps.comment } },
  supervision_review: {
    table: supervisionReviews,
    id: supervisionReviews.id,
    fields: { comment: supervisionReviews.comment },
  },
  evaluation: { table: evaluations, id: evaluations.id, fields: { comment: evaluations.comment } },
  finding: {
    table: supervisionFindings,
    id: supervisionFindings.id,
    fields: { body: supervisionFindings.body, answer: supervisionFindings.answer },
  },
  public_text: { table: publicTexts, id: publicTexts.id, fields: { body: publicTexts.body } },
  ballot: { table: ballots, id: ballots.id, fields: { question: ballots.question, description: ballots.description } },
  referral: {
    table: referrals,
    id: referrals.id,
    fields: { note: referrals.note, reply: referrals.reply, handBackReason: referrals.handBackReason },
  },
};

/** The texts stored now under `keys` (null where the row, field or kind does not exist): one query per kind. */
export async function readCurrentTexts(db: DbOrTx, keys: Iterable<string>): Promise<Map<string, string | null>> {
  const wanted = new Map<string, { ids: Set<number>; fields: Set<string> }>();
  const current = new Map<string, string | null>();
  for (const key of keys) {
    current.set(key, null);
    const ref = parseTextKey(key);
    const source = ref && textSources[ref.kind];
    if (!ref || !source || !(ref.field in source.fields)) continue;
    const entry = wanted.get(ref.kind) ?? { ids: new Set(), fields: new Set() };
    entry.ids.add(ref.id);
    entry.fields.add(ref.field);
    wanted.set(ref.kind, entry);
  }
  for (const [kind, { ids, fields }] of wanted) {
    const source = textSources[kind]!;
    const columns = Object.fromEntries([...fields].map((f) => [f, source.fields[f]!]));
    const rows = (await db
      .select({ id: source.id, ...columns })
      .from(source.table)
      .where(inArray(source.id, [...ids]))) as Record<string, unknown>[];
    for (const row of rows) {
      for (const field of fields) {
        const key = textKey({ kind, id: row.id as number, field });
        if (current.has(key)) current.set(key, (row[field] as string | null) ?? null);
      }
    }
  }
  return current;
}
