import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AfterDeliberationWorld } from '../../test/after-deliberation.fixtures';
import { expectNoPersonalData as expectNone, showcaseWorld } from './showcase.fixtures';

let w: AfterDeliberationWorld;
let decided: { id: number };
const expectNoPersonalData = (label: string, text: string) => expectNone(w, label, text);

beforeAll(async () => {
  ({ w, decided } = await showcaseWorld());
});
afterAll(async () => w.t.close());

describe('open data', () => {
  it('publishes public decided matters as CSV (UTF-8 with BOM) and JSON, community level, no titles or people', async () => {
    const csv = await w.clients.anonymous.get('/api/public/open-data/matters.csv');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'matter_id,town,community,category,kind,level,status,raised_on,resolved_on,archived_on,resolution_basis,ballot_id,ballot_outcome,satisfaction_average,follow_up_count',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(
      new RegExp(
        `^${decided.id},梧桐街道,河滨社区,facilities,livelihood,building,implementing,\\d{4}-\\d\\d-\\d\\d,\\d{4}-\\d\\d-\\d\\d,,ballot,\\d+,passed,4.50,2$`,
      ),
    );
    const json = (await w.clients.anonymous.get('/api/public/open-data/matters.json')).json();
    expect(json.rows).toEqual([
      expect.objectContaining({ matter_id: decided.id, satisfaction_average: '4.50', follow_up_count: 2 }),
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
});
