import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countChoices, type Counts, type Elector, type YesNoChoice } from '../../../../domain/voting';
import type { Database } from '../../../db/client';
import { buildVotingCrowd } from '../../../test/ballot-crowd.fixtures';
import { createTestDatabase } from '../../../test/database';
import type { SecretChoice } from '../casting/cast';
import { VoteWriter } from '../casting/vote-writer';
import { yesNoSums } from './tally.repository';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

/** A small deterministic generator (mulberry32), so a failing roll can be replayed by its seed. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const choices: (YesNoChoice | null)[] = ['for', 'against', 'abstain', null];
const groups = ['electorate', 'participants', 'approvals', 'against', 'decisive'] as const;

/**
 * A random roll (areas, households shared or absent) on a fresh ballot, each elector voting a random
 * choice or not at all through the group-commit writer, as online votes are.
 */
async function randomRoll(seed: number, secrecy: 'named' | 'secret') {
  const next = random(seed);
  const crowd = await buildVotingCrowd(database.db, {
    voters: 120,
    secrecy,
    ruleKey: secrecy === 'secret' ? 'villagers_meeting' : 'civil_code_278_major',
  });
  for (const v of crowd.voters) {
    const household = next() < 0.2 ? null : Math.floor(next() * 40) + 1;
    await database.db.execute(sql`
      update ballot_electors set area_centi = ${Math.floor(next() * 30_000)}, household_id = ${household}
      where id = ${v.electorId}`);
  }
  const writer = new VoteWriter(database.db);
  await Promise.all(
    crowd.voters.map((v) => {
      const choice = choices[Math.floor(next() * choices.length)]!;
      if (choice === null) return undefined;
      return writer.cast({
        ballot: crowd.ballot,
        electorId: v.electorId,
        choice: { kind: 'yes_no', choice },
        channel: 'online',
        castBy: v.accountId,
        mayReplace: false,
      });
    }),
  );
  await writer.close();
  return crowd.ballot.id;
}

/** The count as it was made before the database summed it: the roll read into memory, countChoices over it. */
async function countedInMemory(ballotId: number, named: boolean): Promise<Counts> {
  const { rows: roll } = await database.db.execute<{ id: number; area: string; household: number | null }>(
    sql`select id, area_centi::text as area, household_id as household from ballot_electors where ballot_id = ${ballotId}`,
  );
  const { rows: votes } = await database.db.execute<{ elector: number; choice: YesNoChoice }>(
    sql`select elector_id as elector, choice->>'choice' as choice from ballot_votes where ballot_id = ${ballotId}`,
  );
  const elector = (key: string, area: string, householdId: number | null): Elector => ({
    key,
    area: BigInt(area),
    householdId,
    personIds: [],
    dwellingIds: [],
  });
  if (named) {
    const chosen = new Map(votes.map((v) => [String(v.elector), v.choice]));
    return countChoices(
      roll.map((r) => elector(String(r.id), r.area, r.household)),
      chosen,
    );
  }
  const voted = new Set(votes.map((v) => v.elector));
  const { rows: secret } = await database.db.execute<{ choice: SecretChoice }>(
    sql`select choice from ballot_secret_choices where ballot_id = ${ballotId}`,
  );
  const electors = roll.filter((r) => !voted.has(r.id)).map((r) => elector(String(r.id), r.area, r.household));
  const chosen = new Map<string, YesNoChoice>();
  secret.forEach(({ choice }, i) => {
    electors.push(elector(`secret:${i}`, choice.area, choice.householdId));
    if (choice.kind === 'yes_no') chosen.set(`secret:${i}`, choice.choice);
  });
  return countChoices(electors, chosen);
}

describe('the yes/no count summed by the database', () => {
  for (const secrecy of ['named', 'secret'] as const) {
    it(`gives the same totals as countChoices over the same random rolls (${secrecy})`, async () => {
      for (const seed of [1, 2, 3]) {
        const ballotId = await randomRoll(seed, secrecy);
        const sums = await yesNoSums(database.db, ballotId, secrecy === 'named');
        const counts = await countedInMemory(ballotId, secrecy === 'named');
        for (const group of groups) {
          expect(
            [sums[`${group}_heads`], sums[`${group}_area`], sums[`${group}_households`]],
            `${secrecy} seed ${seed}: ${group}`,
          ).toEqual([counts[group].heads, counts[group].area, counts[group].households].map(String));
        }
        expect(BigInt(sums.participants_heads)).toBeGreaterThan(0n);
      }
    });
  }
});
