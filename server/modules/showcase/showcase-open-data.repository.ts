import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { BallotResult } from '../ballots';
import { ballotLifecycle } from '../../../domain/voting';
import { isState } from '../../db/lifecycle-sql';
import { ballots, followUps, matters, resolutions } from '../../db/schema';
import { isPublicDecided } from './showcase.repository';

/** A cell of an open-data row. */
export type Cell = string | number | boolean | null;

const day = (column: string) => sql.raw(`to_char(${column} at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`);

/** Public, decided matters with an id above `after`, in id order: one keyset batch of `matters`. */
export async function publicMatterBatch(db: DbOrTx, after: number, batchSize: number) {
  const result = await db.execute<{ matter_id: number; place_path: string; [column: string]: Cell }>(sql`
      select m.id as matter_id, m.place_path, m.category, m.kind, m.level, m.status,
          ${day('m.created_at')} as raised_on, ${day('r.created_at')} as resolved_on, ${day('m.sealed_at')} as archived_on,
          r.basis as resolution_basis, b.id as ballot_id, b.result->>'outcome' as ballot_outcome,
          f.average as satisfaction_average, coalesce(f.n, 0) as follow_up_count,
          array_to_string(m.governances, ';') as governances
        from ${matters} m
        -- The bound again on the join side: a merge join then starts at the batch, not at the first resolution.
        left join ${resolutions} r on r.matter_id = m.id and r.matter_id > ${after}
        left join ${ballots} b on b.id = r.ballot_id and ${isState(sql`b.status`, ballotLifecycle.state.closed)}
        left join lateral (select round(avg(satisfaction)::numeric, 2)::text as average, count(*)::int as n
          from ${followUps} where matter_id = m.id) f on true
        where ${isPublicDecided('m')} and m.id > ${after}
        order by m.id limit ${batchSize}`);
  return result.rows;
}

export type BallotRow = {
  ballot_id: number;
  matter_id: number;
  place_path: string;
  rule_key: string;
  electorate_kind: string;
  secrecy: string;
  closed_on: string;
  result: BallotResult;
};

/** Closed ballots of public, decided matters with an id above `after`, in id order: one keyset batch of `results`. */
export async function closedPublicBallotBatch(db: DbOrTx, after: number, batchSize: number) {
  const result = await db.execute<BallotRow>(sql`
      select b.id as ballot_id, b.matter_id, m.place_path, b.rule_key, b.electorate_kind, b.secrecy,
          ${day('b.closed_at')} as closed_on, b.result
        from ${ballots} b join ${matters} m on m.id = b.matter_id
        where ${isState(sql`b.status`, ballotLifecycle.state.closed)} and b.result is not null and ${isPublicDecided('m')} and b.id > ${after}
        order by b.id limit ${batchSize}`);
  return result.rows;
}
