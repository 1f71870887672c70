import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { accounts, ballotElectors, ballots, residents, roleGrants, sessions } from '../db/schema';
import { buildStaff, buildTerritory } from './factories';
import { buildMatter } from './matter-factories';
import { sha256 } from '../hash';

export type CrowdVoter = { residentId: number; accountId: number; electorId: number; sessionToken: string };

/**
 * An OPEN owners' ballot (Art. 278 general) of a deliberating matter in 5幢 whose `voters` electors
 * are one resident owner each, every one with an account and a logged-in session (cookie
 * `yishi_session=<sessionToken>`). Written set-wise in SQL: thousands in a second, for the vote
 * writer's tests, the kill test and the vote benchmark.
 */
export async function buildVotingCrowd(
  db: Db,
  opts: { voters: number; secrecy?: 'named' | 'secret'; allowsChange?: boolean; ruleKey?: string },
) {
  const territory = await buildTerritory(db);
  const convenor = await buildStaff(db, { role: 'convenor', placeId: territory.community.id });
  const matter = await buildMatter(db, {
    placeId: territory.building.id,
    proposerAccountId: convenor.id,
    status: 'deliberating',
    convenorAccountId: convenor.id,
  });
  const [ballot] = await db
    .insert(ballots)
    .values({
      matterId: matter.id,
      placeId: territory.building.id,
      placePath: territory.building.path,
      scopePlaceId: territory.building.id,
      question: '是否同意5幢加装电梯',
      ruleKey: opts.ruleKey ?? 'civil_code_278_general',
      ruleVersion: 1,
      electorateKind: 'owners',
      secrecy: opts.secrecy ?? 'named',
      allowsChange: opts.allowsChange ?? false,
      status: 'open',
      openedAt: new Date(),
      closesAt: new Date(Date.now() + 86_400_000),
      createdBy: convenor.id,
    })
    .returning();
  const tag = `${ballot!.id}x${randomBytes(3).toString('hex')}`;
  const tokens = Array.from({ length: opts.voters }, () => randomBytes(24).toString('base64url'));
  const hashes = tokens.map((t) => sha256(t));
  const { rows } = await db.execute<{ resident_id: number; account_id: number; elector_id: number; n: number }>(sql`
    with people as (
      insert into ${residents} (code, name, birth_date, phone, place_id, place_path, tenure)
      select 'VC' || ${tag} || '-' || g, '投票人' || g, '1970-01-01', null, ${territory.unit2.id}, ${territory.unit2.path}, 'owner'
      from generate_series(1, ${opts.voters}) g
      returning id, code
    ), numbered as (
      select id, split_part(code, '-', 2)::int as n from people
    ), logins as (
      insert into ${accounts} (phone, display_name, resident_id)
      select '+crowd' || ${tag} || '-' || n, '投票人' || n, id from numbered
      returning id, resident_id
    ), grants as (
      insert into ${roleGrants} (account_id, role, place_id)
      select id, 'resident', ${territory.unit2.id} from logins
    ), voters as (
      insert into ${ballotElectors} (ballot_id, key, label, resident_ids, area_centi)
      select ${ballot!.id}, 'owner:' || numbered.id, '5幢2单元' || lpad(n::text, 4, '0'), array[numbered.id],
             8000 + (n * 37) % 5000
      from numbered
      returning id, resident_ids[1] as resident_id
    )
    select numbered.n, numbered.id as resident_id, logins.id as account_id, voters.id as elector_id
    from numbered
    join logins on logins.resident_id = numbered.id
    join voters on voters.resident_id = numbered.id
    order by numbered.n`);
  await db.execute(sql`
    insert into ${sessions} (token_hash, account_id, expires_at)
    select h, a, now() + interval '12 hours'
    from unnest(${sql.param(hashes)}::text[], ${sql.param(rows.map((r) => r.account_id))}::int[]) as t(h, a)`);
  const voters: CrowdVoter[] = rows.map((r, i) => ({
    residentId: r.resident_id,
    accountId: r.account_id,
    electorId: r.elector_id,
    sessionToken: tokens[i]!,
  }));
  const reload = async () => (await db.select().from(ballots).where(eq(ballots.id, ballot!.id)))[0]!;
  return { territory, convenor, matter, ballot: ballot!, voters, reload };
}
