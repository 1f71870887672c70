import type { Actor } from '../../../domain/access';
import { coveredCount, fenFromSql, ratio, servedCount } from '../../../domain/statistics';
import { projectLifecycle, isContractedProject } from '../../../domain/projects/lifecycle';
import { childKindOf, isWithin, type PlaceKind } from '../../../domain/territory/places';
import type { BulletinCapacity, CapacityFigures, CapacityView } from '../../../contracts/capacity';
import type { DbOrTx } from '../../db/client';
import { readTogether } from '../../db/together';
import { authorize } from '../../plugins/authorize';
import { findPlace } from '../places';
import {
  categoriesFor,
  childPlaces,
  coverageRows,
  organisationCounts,
  peopleCounts,
  projectSums,
  type CategoryRow,
  type OrganisationRow,
  type PeopleRow,
  type ProjectRow,
  type UnitCategoryRow,
  type UnitRow,
} from './capacity.repository';

type Place = { id: number; name: string; kind: string; path: string };
type Rows = {
  categories: CategoryRow[];
  organisations: OrganisationRow[];
  units: UnitRow[];
  pairs: UnitCategoryRow[];
  projects: ProjectRow[];
  people: PeopleRow[];
};

function organisationFigures(place: Place, rows: Rows): CapacityFigures['organisations'] {
  const own = rows.organisations.filter((r) => r.root === place.id);
  const sum = (pick: (r: OrganisationRow) => number) => own.reduce((a, r) => a + pick(r), 0);
  const known = new Set(rows.categories.map((c) => c.id));
  const inside = (kind: string) =>
    rows.units.filter((u) => u.kind === kind && isWithin(u.path, place.path)).map((u) => u.id);
  const core = rows.categories.filter((c) => c.tier === 'core').map((c) => c.id);
  const hubs = rows.categories.filter((c) => c.tier === 'hub').map((c) => c.id);
  const communities = inside('community');
  const towns = inside('town');
  const communitiesCovered = coveredCount(communities, rows.pairs, core);
  const townsWithHub = servedCount(towns, rows.pairs, hubs);
  return {
    total: sum((r) => r.n),
    brand: sum((r) => r.brand),
    canDeliberate: sum((r) => r.deliberate),
    byCategory: rows.categories.map((c) => ({
      categoryId: c.id,
      name: c.name,
      tier: c.tier,
      count: own.filter((r) => r.categoryId === c.id).reduce((a, r) => a + r.n, 0),
    })),
    uncategorised: own.filter((r) => r.categoryId === null || !known.has(r.categoryId)).reduce((a, r) => a + r.n, 0),
    coverage: {
      communitiesCovered,
      communities: communities.length,
      communityRatio: core.length ? ratio(communitiesCovered, communities.length) : null,
      townsWithHub,
      towns: towns.length,
      townRatio: hubs.length ? ratio(townsWithHub, towns.length) : null,
    },
  };
}

/** Every stage but the draft is counted (see projectSums). */
const isCounted = (status: string) => status !== projectLifecycle.initial;

function projectFigures(place: Place, rows: Rows): CapacityFigures['projects'] {
  const own = rows.projects.filter((r) => r.root === place.id);
  const byStage = projectLifecycle.states.filter(isCounted).map((status) => {
    const r = own.find((x) => x.status === status);
    return { status, count: r?.n ?? 0, budgetFen: fenFromSql(r?.budget), spentFen: fenFromSql(r?.spent) };
  });
  const add = (list: typeof byStage) => ({
    count: list.reduce((a, s) => a + s.count, 0),
    budgetFen: list.reduce((a, s) => a + s.budgetFen, 0),
    spentFen: list.reduce((a, s) => a + s.spentFen, 0),
  });
  const contracted = add(byStage.filter((s) => isContractedProject(s.status)));
  return {
    byStage,
    total: add(byStage),
    contracted: { ...contracted, spentRatio: ratio(contracted.spentFen, contracted.budgetFen) },
  };
}

function figuresOf(place: Place, rows: Rows): CapacityFigures {
  const people = rows.people.find((r) => r.root === place.id);
  return {
    organisations: organisationFigures(place, rows),
    projects: projectFigures(place, rows),
    training: {
      participants: people?.participants ?? 0,
      completions: people?.completions ?? 0,
      microLeadersTrained: people?.trained ?? 0,
      microLeadersActive: people?.active ?? 0,
    },
    talents: { namedInYear: people?.namedInYear ?? 0, namedTotal: people?.namedTotal ?? 0 },
  };
}

/** The figures of a place and of each of its children (towns of a city, communities of a town) for a year. */
export async function capacityFigures(db: DbOrTx, place: Place, year: number): Promise<CapacityView> {
  const childKind = place.kind === 'city' || place.kind === 'town' ? childKindOf[place.kind as PlaceKind] : undefined;
  const children = childKind ? await childPlaces(db, place.id, childKind) : [];
  const roots = [place.id, ...children.map((c) => c.id)];
  const [categories, organisations, coverage, projects, people] = await readTogether(db, [
    () => categoriesFor(db, place.path),
    () => organisationCounts(db, roots),
    () => coverageRows(db, place.path),
    () => projectSums(db, roots, year),
    () => peopleCounts(db, roots, year),
  ]);
  const rows: Rows = { categories, organisations, ...coverage, projects, people };
  const ref = (p: Place) => ({ id: p.id, name: p.name, kind: p.kind });
  return {
    place: ref(place),
    year,
    totals: figuresOf(place, rows),
    children: children.map((c) => ({ place: ref(c), figures: figuresOf(c, rows) })),
  };
}

/** GET /statistics/capacity: for whoever may view the place's statistics; 404 for no such place. */
export async function readCapacity(db: DbOrTx, actor: Actor, q: { placeId: number; year: number }) {
  const place = await findPlace(db, q.placeId);
  authorize(actor, 'statistics.view', place && { type: 'place', path: place.path }, { what: 'place' });
  return capacityFigures(db, place!, q.year);
}

/** The bulletin's 能力建设 section: the place's figures of the year, as the dashboard shows them. */
export async function capacitySummary(db: DbOrTx, place: Place, year: number): Promise<BulletinCapacity> {
  const { organisations, projects, training, talents } = (await capacityFigures(db, place, year)).totals;
  const closed = projects.byStage.filter((s) => projectLifecycle.is.closed(s.status));
  return {
    year,
    organisations: organisations.total,
    brand: organisations.brand,
    communitiesCovered: organisations.coverage.communitiesCovered,
    communities: organisations.coverage.communities,
    townsWithHub: organisations.coverage.townsWithHub,
    towns: organisations.coverage.towns,
    projectsContracted: projects.contracted.count,
    projectsClosed: closed.reduce((a, s) => a + s.count, 0),
    budgetFen: projects.contracted.budgetFen,
    spentFen: projects.contracted.spentFen,
    microLeadersTrained: training.microLeadersTrained,
    talentsNamed: talents.namedInYear,
  };
}
