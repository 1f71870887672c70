import { sql, type SQL } from 'drizzle-orm';
import { projectLifecycle, isContractedProject } from '../../../domain/projects/lifecycle';
import { participantLifecycle } from '../../../domain/training/lifecycle';
import { nominationLifecycle } from '../../../domain/talents/lifecycle';
import { ACTIVE_MICRO_LEADER } from '../../../domain/statistics';
import type { StructureTier } from '../../../domain/organisations/structure';
import type { PlacePath } from '../../../domain/territory/places';
import type { DbOrTx } from '../../db/client';
import { inStates, isState, notInStates } from '../../db/lifecycle-sql';
import { inSubtree } from '../../db/subtree';

/**
 * 能力建设统计: every figure of docs/statistics.md "Capacity", for several places (roots) at once.
 * Each query joins the roots to the rows inside them by the counting rules of the lists (a row
 * serving two towns is in both towns' figures, and once in the city's).
 */

const SOCIAL = 'social_organisation';
const CONTRACTED = projectLifecycle.states.filter((s) => isContractedProject(s));
const ids = (roots: readonly number[]) =>
  sql.join(
    roots.map((id) => sql`${id}`),
    sql`, `,
  );
const yearStart = (year: number) => `${year}-01-01`;

/** The organisation `o` serves a place inside `root` (a path column). */
const servesInside = (root: SQL) =>
  sql`exists (select 1 from organisation_communities oc where oc.organisation_id = o.id and ${inSubtree(sql`oc.place_path`, root)})`;
/** An active social organisation inside `root` (a path column): registered there or serving a place there. */
const organisationIn = (root: SQL) =>
  sql`o.kind = ${SOCIAL} and o.is_active and (${inSubtree(sql`o.place_path`, root)} or ${servesInside(root)})`;

export type CategoryRow = { id: number; name: string; tier: StructureTier };

/** The categories the city over (or under) the place configures, in the city's order. */
export async function categoriesFor(db: DbOrTx, path: PlacePath): Promise<CategoryRow[]> {
  const { rows } = await db.execute<CategoryRow>(sql`
    select c.id, c.name, c.tier from organisation_categories c
    where ${inSubtree(sql`${path}::text`, sql`c.place_path`)} or ${inSubtree(sql`c.place_path`, path)}
    order by c.sort_order, c.id`);
  return rows;
}

export type OrganisationRow = { root: number; categoryId: number | null; n: number; brand: number; deliberate: number };

/** Social organisations per root and category. */
export async function organisationCounts(db: DbOrTx, roots: readonly number[]): Promise<OrganisationRow[]> {
  const { rows } = await db.execute<OrganisationRow>(sql`
    select r.id as root, o.category_id as "categoryId", count(*)::int as n,
      count(*) filter (where coalesce(o.brand, '') <> '')::int as brand,
      count(*) filter (where o.can_deliberate)::int as deliberate
    from places r join organisations o on ${organisationIn(sql`r.path`)}
    where r.id in (${ids(roots)})
    group by r.id, o.category_id`);
  return rows;
}

export type UnitRow = { id: number; kind: string; path: string };
export type UnitCategoryRow = { placeId: number; categoryId: number };

/**
 * The towns and communities inside `path`, and the categories of the organisations of each: a town's
 * registered in it or serving inside it (its hub), a community's serving it (its core categories).
 */
export async function coverageRows(
  db: DbOrTx,
  path: PlacePath,
): Promise<{ units: UnitRow[]; pairs: UnitCategoryRow[] }> {
  const units = await db.execute<UnitRow>(sql`
    select u.id, u.kind, u.path from places u
    where u.kind in (${'town'}, ${'community'}) and ${inSubtree(sql`u.path`, path)}`);
  const pairs = await db.execute<UnitCategoryRow>(sql`
    select distinct u.id as "placeId", o.category_id as "categoryId"
    from places u join organisations o on o.category_id is not null and ${organisationIn(sql`u.path`)}
      and (u.kind = ${'town'} or ${servesInside(sql`u.path`)})
    where u.kind in (${'town'}, ${'community'}) and ${inSubtree(sql`u.path`, path)}`);
  return { units: units.rows, pairs: pairs.rows };
}

export type ProjectRow = { root: number; status: string; n: number; budget: string; spent: string };

/**
 * Projects of the year's calls per root and stage, past the draft (an application not yet submitted is
 * its organisation's own: officers' lists do not show it). Budget: the contract amount once contracted, else
 * the sum of its budget lines; spending: the sum of its spendings. Sums as text (exact bigint).
 */
export async function projectSums(db: DbOrTx, roots: readonly number[], year: number): Promise<ProjectRow[]> {
  const { rows } = await db.execute<ProjectRow>(sql`
    select r.id as root, p.status, count(*)::int as n, coalesce(sum(m.budget), 0)::text as budget,
      coalesce(sum(m.spent), 0)::text as spent
    from places r
    join projects p on ${inSubtree(sql`p.place_path`, sql`r.path`)}
      or exists (select 1 from project_communities pc where pc.project_id = p.id and ${inSubtree(sql`pc.place_path`, sql`r.path`)})
      and ${notInStates(sql`p.status`, [projectLifecycle.initial])}
    join project_calls c on c.id = p.call_id and c.year = ${year}
    cross join lateral (
      select
        case when ${inStates(sql`p.status`, CONTRACTED)} and p.contract_amount_fen is not null then p.contract_amount_fen
          else (select coalesce(sum(l.amount_fen), 0) from project_budget_lines l where l.project_id = p.id) end as budget,
        (select coalesce(sum(s.amount_fen), 0) from project_spendings s where s.project_id = p.id) as spent
    ) m
    where r.id in (${ids(roots)})
    group by r.id, p.status`);
  return rows;
}

export type PeopleRow = {
  root: number;
  participants: number;
  completions: number;
  trained: number;
  active: number;
  namedInYear: number;
  namedTotal: number;
};

/** Training, micro-leaders and leading talents per root (people belong to their place_path). */
export async function peopleCounts(db: DbOrTx, roots: readonly number[], year: number): Promise<PeopleRow[]> {
  const { rows } = await db.execute<PeopleRow>(sql`
    select r.id as root,
      (select count(*)::int from training_participants tp join training_programmes pg on pg.id = tp.programme_id
        where pg.year = ${year} and ${inSubtree(sql`tp.place_path`, sql`r.path`)}) as participants,
      (select count(*)::int from training_participants tp join training_programmes pg on pg.id = tp.programme_id
        where pg.year = ${year} and ${isState(sql`tp.status`, participantLifecycle.state.completed)}
          and ${inSubtree(sql`tp.place_path`, sql`r.path`)}) as completions,
      (select count(*)::int from micro_leaders ml where ${isState(sql`ml.status`, ACTIVE_MICRO_LEADER)}
        and ml.since >= ${yearStart(year)}::date and ml.since < ${yearStart(year + 1)}::date
        and ${inSubtree(sql`ml.place_path`, sql`r.path`)}) as trained,
      (select count(*)::int from micro_leaders ml where ${isState(sql`ml.status`, ACTIVE_MICRO_LEADER)}
        and ${inSubtree(sql`ml.place_path`, sql`r.path`)}) as active,
      (select count(*)::int from talent_nominations n join talent_selections s on s.id = n.selection_id
        where s.year = ${year} and ${isState(sql`n.status`, nominationLifecycle.state.named)}
          and ${inSubtree(sql`n.place_path`, sql`r.path`)}) as "namedInYear",
      (select count(*)::int from talent_nominations n
        where ${isState(sql`n.status`, nominationLifecycle.state.named)}
          and ${inSubtree(sql`n.place_path`, sql`r.path`)}) as "namedTotal"
    from places r where r.id in (${ids(roots)})`);
  return rows;
}

export type ChildPlace = { id: number; name: string; kind: string; path: string };

/** The children of a city (its towns) or a town (its communities), in roster order. */
export async function childPlaces(db: DbOrTx, parentId: number, kind: string): Promise<ChildPlace[]> {
  const { rows } = await db.execute<ChildPlace>(sql`
    select id, name, kind, path from places where parent_id = ${parentId} and kind = ${kind} order by code`);
  return rows;
}
