import { isWithin, type PlacePath } from '../territory/places';
import { tierCoverage, type StructureTier } from './structure';

/** A town or community of the coverage view. */
export type CoveragePlace = { id: number; name: string; path: PlacePath };
/** A category of the city's "1+3+N" structure. */
export type CoverageCategory = { id: number; name: string; tier: StructureTier };
/** An active social organisation, where it is registered and the places it serves. */
export type CoverageOrganisation = {
  id: number;
  name: string;
  brand: string | null;
  categoryId: number | null;
  placePath: PlacePath;
  servedPaths: readonly PlacePath[];
};
export type CoverageOrganisationRef = { id: number; name: string; brand: string | null };

export type CoverageCell = { categoryId: number; organisations: CoverageOrganisationRef[] };
export type CoverageCommunity = CoveragePlace & { cells: CoverageCell[]; isFullyCovered: boolean };
export type CoverageTown = CoveragePlace & { hubs: CoverageOrganisationRef[]; communities: CoverageCommunity[] };
export type Coverage = {
  coreCategories: CoverageCategory[];
  towns: CoverageTown[];
  totals: { towns: number; townsWithHub: number; communities: number; fullyCovered: number };
};

const refOf = (o: CoverageOrganisation): CoverageOrganisationRef => ({ id: o.id, name: o.name, brand: o.brand });

/** True when the organisation serves the place or a place inside it. */
const serves = (o: CoverageOrganisation, place: CoveragePlace) => o.servedPaths.some((p) => isWithin(p, place.path));

/**
 * The "1+3+N" coverage of towns and their communities: each town's hub organisations (a hub-tier
 * organisation registered at the town or serving it), and for each community the organisations of
 * every core category serving it. A community is fully covered when every core category has one;
 * with no core category configured, none is (there is nothing to cover it with).
 */
export function computeCoverage(input: {
  towns: readonly CoveragePlace[];
  communities: readonly CoveragePlace[];
  categories: readonly CoverageCategory[];
  organisations: readonly CoverageOrganisation[];
}): Coverage {
  const tierOf = new Map(input.categories.map((c) => [c.id, c.tier]));
  const ofTier = (tier: StructureTier) =>
    input.organisations.filter((o) => o.categoryId !== null && tierOf.get(o.categoryId) === tier);
  const coreCategories = input.categories.filter((c) => tierCoverage[c.tier] === 'community');
  const hubOrganisations = input.categories.some((c) => tierCoverage[c.tier] === 'town') ? ofTier('hub') : [];
  const coreOrganisations = ofTier('core');

  const towns = input.towns.map((town): CoverageTown => {
    const hubs = hubOrganisations.filter((o) => o.placePath === town.path || serves(o, town)).map(refOf);
    const communities = input.communities
      .filter((c) => isWithin(c.path, town.path))
      .map((community): CoverageCommunity => {
        const cells = coreCategories.map((category) => ({
          categoryId: category.id,
          organisations: coreOrganisations
            .filter((o) => o.categoryId === category.id && serves(o, community))
            .map(refOf),
        }));
        const isFullyCovered = cells.length > 0 && cells.every((cell) => cell.organisations.length > 0);
        return { ...community, cells, isFullyCovered };
      });
    return { ...town, hubs, communities };
  });

  const communities = towns.flatMap((t) => t.communities);
  return {
    coreCategories,
    towns,
    totals: {
      towns: towns.length,
      townsWithHub: towns.filter((t) => t.hubs.length > 0).length,
      communities: communities.length,
      fullyCovered: communities.filter((c) => c.isFullyCovered).length,
    },
  };
}
