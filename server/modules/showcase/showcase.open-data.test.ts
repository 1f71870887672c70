import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AfterDeliberationWorld } from '../../test/after-deliberation.fixtures';
import { expectNoPersonalData as expectNone, showcaseWorld } from '../../test/showcase.fixtures';
import { openDataChunks, openMatters, openResults } from './showcase.open-data';

let w: AfterDeliberationWorld;
let decided: { id: number };
let undecided: { id: number };
const expectNoPersonalData = (label: string, text: string) => expectNone(w, label, text);

beforeAll(async () => {
  ({ w, decided, undecided } = await showcaseWorld());
});
afterAll(async () => w.t.close());

describe('open data', () => {
  it('publishes public decided matters as CSV (UTF-8 with BOM) and JSON, community level, no titles or people', async () => {
    await w.db.execute(sql`update matters set governances = '{autonomy,law}' where id = ${decided.id}`);
    const csv = await w.clients.anonymous.get('/api/public/open-data/matters.csv');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'matter_id,town,community,category,kind,level,status,raised_on,resolved_on,archived_on,resolution_basis,ballot_id,ballot_outcome,satisfaction_average,follow_up_count,governances',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      new RegExp(
        `^${decided.id},梧桐街道,河滨社区,facilities,livelihood,building,implementing,\\d{4}-\\d\\d-\\d\\d,\\d{4}-\\d\\d-\\d\\d,,ballot,\\d+,passed,4.50,2,autonomy;law$`,
      ),
    );
    const json = (await w.clients.anonymous.get('/api/public/open-data/matters.json')).json();
    expect(json.rows).toEqual([
      expect.objectContaining({
        matter_id: decided.id,
        satisfaction_average: '4.50',
        follow_up_count: 2,
        governances: 'autonomy;law',
      }),
    ]);
    for (const body of [csv.body, JSON.stringify(json)]) await expectNoPersonalData('open matters', body);
  });

  it('publishes ballot results with exact fractions, never the flats that did not consent', async () => {
    const json = (await w.clients.anonymous.get('/api/public/open-data/results.json')).json();
    expect(json.rows).toEqual([
      expect.objectContaining({
        matter_id: decided.id,
        outcome: 'passed',
        electorate_heads: 12,
        participant_heads: 9,
        participant_area_m2: '900.50',
        for_heads: 8,
        conditions:
          'quorum participants/electorate heads 9/12 ≥ 2/3 met; decision approvals/participants heads 8/9 ≥ 3/4 met',
        conditions_met: true,
      }),
    ]);
    const csv = await w.clients.anonymous.get('/api/public/open-data/results.csv');
    expect(csv.body).toContain('8/9');
    for (const body of [csv.body, JSON.stringify(json)]) {
      expect(body).not.toContain('0502');
      await expectNoPersonalData('open results', body);
    }
    expect((await w.clients.anonymous.get('/api/public/open-data/people.csv')).statusCode).toBe(400);
  });

  it('writes the same file a batch at a time as in one batch (keyset by id, nothing repeated or lost)', async () => {
    const db = w.t.database.db;
    // A second public, decided matter, so that batches of one take three queries.
    await db.execute(sql`update matters set visibility = 'public', status = 'resolved' where id = ${undecided.id}`);
    const text = async (chunks: Promise<AsyncGenerator<string>>) => {
      let all = '';
      for await (const chunk of await chunks) all += chunk;
      return all;
    };
    for (const format of ['csv', 'json'] as const) {
      const whole = await text(openDataChunks('matters', format, openMatters(db, 1000)));
      const batched = await text(openDataChunks('matters', format, openMatters(db, 1)));
      const strip = (s: string) => s.replace(/"generatedAt":"[^"]+"/, '');
      expect(strip(batched)).toBe(strip(whole));
      const results = await text(openDataChunks('results', format, openResults(db, 1)));
      expect(strip(results)).toBe(strip(await text(openDataChunks('results', format, openResults(db)))));
    }
    const json = JSON.parse(await text(openDataChunks('matters', 'json', openMatters(db, 1))));
    for (const row of json.rows) expect(Object.keys(row)).toEqual(json.columns);
    expect(json.rows.map((r: { matter_id: number }) => r.matter_id)).toEqual(
      [decided.id, undecided.id].sort((a, b) => a - b),
    );
  });
});
