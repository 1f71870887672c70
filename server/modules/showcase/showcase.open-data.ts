import { areaFromHundredths } from '../../../domain/territory/dwellings';
import { pathIds } from '../../../domain/territory/places';
import type { DbOrTx } from '../../db/client';
import { publicBallotResult } from './showcase.presenter';
import { filterPlaces } from './showcase.repository';
import { closedPublicBallotBatch, publicMatterBatch, type BallotRow, type Cell } from './showcase-open-data.repository';
import { openMatterColumns, openResultColumns } from '../../../contracts/showcase';
import { clockNow } from '../../clock';

/** Town and community names of a path (places at depth 2 and 3), never anything below. */
async function communityNamer(db: DbOrTx) {
  const names = new Map((await filterPlaces(db)).map((p) => [p.id, p.name]));
  return (path: string) => {
    const [, town, community] = pathIds(path);
    return { town: names.get(town ?? 0) ?? null, community: names.get(community ?? 0) ?? null };
  };
}

/** Rows a download holds in memory at once: each batch is one keyset query (`id > last`, in id order). */
export const OPEN_DATA_BATCH = 1000;

type Batches = AsyncGenerator<Record<string, Cell>[]>;

/** Every public, decided matter, a batch at a time: what it was, where (community), when, how decided, how it went. */
export async function* openMatters(db: DbOrTx, batchSize = OPEN_DATA_BATCH): Batches {
  const nameOf = await communityNamer(db);
  let after = 0;
  for (;;) {
    const rows = await publicMatterBatch(db, after, batchSize);
    // Fields in column order; the JSON writer keeps to the listed columns.
    yield rows.map(({ matter_id, place_path, ...row }) => ({ matter_id, ...nameOf(place_path), ...row }));
    if (rows.length < batchSize) return;
    after = rows.at(-1)!.matter_id;
  }
}

/** One row of `results` from a closed ballot's stored result (what the public may see of it). */
function resultRow(b: BallotRow, place: { town: string | null; community: string | null }): Record<string, Cell> {
  const r = b.result;
  const shown = publicBallotResult(r);
  return {
    ballot_id: b.ballot_id,
    matter_id: b.matter_id,
    ...place,
    rule_key: b.rule_key,
    rule_name: r.ruleName,
    is_statutory: r.isStatutory,
    electorate_kind: b.electorate_kind,
    secrecy: b.secrecy,
    closed_on: b.closed_on,
    outcome: r.outcome,
    electorate_heads: Number(r.electorate.heads),
    participant_heads: Number(r.participants.heads),
    electorate_area_m2: areaFromHundredths(r.electorate.area),
    participant_area_m2: areaFromHundredths(r.participants.area),
    for_heads: shown.counts?.for === undefined ? null : Number(shown.counts.for),
    against_heads: shown.counts?.against === undefined ? null : Number(shown.counts.against),
    abstain_heads: shown.counts?.abstain === undefined ? null : Number(shown.counts.abstain),
    conditions: shown.checks
      .map(
        (c) =>
          `${c.condition} ${c.part}/${c.of} ${c.measure} ${c.numerator}/${c.denominator} ${c.threshold} ${c.met ? 'met' : 'not met'}`,
      )
      .join('; '),
    conditions_met: shown.checks.every((c) => c.met),
  };
}

/** Every closed ballot of a public, decided matter, with its counts and each condition as an exact fraction. */
export async function* openResults(db: DbOrTx, batchSize = OPEN_DATA_BATCH): Batches {
  const nameOf = await communityNamer(db);
  let after = 0;
  for (;;) {
    const rows = await closedPublicBallotBatch(db, after, batchSize);
    yield rows.map((b) => resultRow(b, nameOf(b.place_path)));
    if (rows.length < batchSize) return;
    after = rows.at(-1)!.ballot_id;
  }
}

const quote = (cell: Cell) => {
  if (cell === null) return '';
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/**
 * The download as chunks of text, one per batch, after the first batch has been read (so a failing
 * query still answers 500 before anything is sent). RFC 4180 CSV with a UTF-8 byte order mark, so
 * Excel opens the Chinese names correctly; or the documented JSON envelope around the rows.
 */
export async function openDataChunks(
  set: 'matters' | 'results',
  format: 'csv' | 'json',
  batches: Batches,
): Promise<AsyncGenerator<string>> {
  const columns = set === 'matters' ? openMatterColumns : openResultColumns;
  const first = await batches.next();
  async function* rest() {
    if (first.done) return;
    yield first.value;
    yield* batches;
  }
  return format === 'csv' ? csvChunks(columns, rest()) : jsonChunks(set, columns, rest());
}

async function* csvChunks(columns: readonly string[], rows: AsyncIterable<Record<string, Cell>[]>) {
  yield `\uFEFF${columns.join(',')}\r\n`;
  for await (const batch of rows) {
    if (batch.length > 0)
      yield batch.map((row) => `${columns.map((c) => quote(row[c] ?? null)).join(',')}\r\n`).join('');
  }
}

async function* jsonChunks(set: string, columns: readonly string[], rows: AsyncIterable<Record<string, Cell>[]>) {
  const head = { format: `yishi.open-data.${set}/1`, generatedAt: clockNow().toISOString(), columns };
  yield `${JSON.stringify(head).slice(0, -1)},"rows":[`;
  let separator = '';
  for await (const batch of rows) {
    if (batch.length === 0) continue;
    // Only the listed columns, in their order, as in the CSV: a column added to a query is not published.
    yield separator + JSON.stringify(batch, columns as string[]).slice(1, -1);
    separator = ',';
  }
  yield ']}';
}
