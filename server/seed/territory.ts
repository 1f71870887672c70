import { childPath, placeKinds, type PlaceKind } from '../../domain/territory/places';
import { Ids, pad, type DwellingRow, type PlaceRow } from './model';
import { estateName, estateStem, naturalVillageName, villageName } from './names';
import type { Rng } from './random';

/**
 * The demo city's place tree and dwellings: 桐安市 → 3 towns → 12 communities → estates or natural
 * villages → buildings or villager groups → units (urban) → dwellings. Codes are hierarchical
 * (TA, TA-01, TA-01-01, TA-01-01-01, TA-01-01-01-05, TA-01-01-01-05-2); a dwelling's code is its
 * place's code, a dash and its room.
 */

export type CommunityNode = { place: PlaceRow; town: PlaceRow; stem: string; isRural: boolean; estates: EstateNode[] };
export type EstateNode = { place: PlaceRow; community: CommunityNode; homeCount: number };
/** A dwelling with where it stands: `place` is its unit (urban), building (shops) or villager group. */
export type DwellingSite = { dwelling: DwellingRow; place: PlaceRow; estate: EstateNode };
export type Territory = {
  city: PlaceRow;
  towns: PlaceRow[];
  communities: CommunityNode[];
  places: PlaceRow[];
  sites: DwellingSite[];
  byCode: Map<string, PlaceRow>;
};

type CommunityPlan = { name?: string; isRural: boolean };
type TownPlan = { name: string; isRural: boolean; communities: CommunityPlan[] };

const urban: CommunityPlan = { isRural: false };
const rural: CommunityPlan = { isRural: true };

/** The fixed skeleton (the demo facts name these); everything below it is drawn. */
const CITY_NAME = '桐安市';
const TOWNS: TownPlan[] = [
  { name: '梧桐街道', isRural: false, communities: [{ name: '河滨社区', isRural: false }, urban, urban, urban] },
  { name: '凤鸣街道', isRural: false, communities: [urban, urban, urban, urban] },
  { name: '河山镇', isRural: true, communities: [{ name: '新联村', isRural: true }, rural, rural, urban] },
];
/** 河滨小区 must hold 5幢 with two units (the resident demo account lives in 5幢 2单元). */
const RIVERSIDE = { stem: '河滨', estate: '河滨小区', minBuildings: 6, unitsOf: new Map([[5, 2]]) };
const URBAN_FLATS_PER_COMMUNITY: [number, number] = [250, 310];
const FLATS_PER_FLOOR = 2;
const DEVELOPER_HELD_PER_TOWN = 4;

export function buildTerritory(rng: Rng, ids: Ids): Territory {
  const places: PlaceRow[] = [];
  const sites: DwellingSite[] = [];
  const usedStems = new Set<string>([RIVERSIDE.stem]);
  const usedVillages = new Set<string>(TOWNS.flatMap((t) => t.communities.map((c) => c.name ?? '')));
  const usedNaturalVillages = new Set<string>();

  function addPlace(
    parent: PlaceRow | undefined,
    kind: PlaceKind,
    code: string,
    name: string,
    isRural: boolean,
  ): PlaceRow {
    const id = ids.next('places');
    const row: PlaceRow = {
      id,
      parentId: parent?.id ?? null,
      kind,
      code,
      name,
      isRural,
      path: childPath(parent?.path, id),
      depth: placeKinds.indexOf(kind) + 1,
    };
    places.push(row);
    return row;
  }

  function addDwelling(
    place: PlaceRow,
    estate: EstateNode,
    room: string,
    floor: number,
    areaCenti: number,
    use: 'home' | 'shop',
  ) {
    const dwelling: DwellingRow = {
      id: ids.next('dwellings'),
      placeId: place.id,
      placePath: place.path,
      code: `${place.code}-${room}`,
      room,
      floor,
      areaCenti,
      areaSource: 'register',
      use,
      isDeveloperHeld: false,
    };
    sites.push({ dwelling, place, estate });
    if (use === 'home') estate.homeCount++;
  }

  /** Buildings of 6–18 floors and 1–3 units, two flats a floor, until the estate has about `budget` flats. */
  function fillUrbanEstate(
    estate: EstateNode,
    budget: number,
    opts: { minBuildings?: number; unitsOf?: Map<number, number> },
  ) {
    const hasShops = rng.chance(0.5);
    let remaining = budget;
    for (let b = 1; (remaining > 0 || b <= (opts.minBuildings ?? 1)) && b < 100; b++) {
      const shopsHere = hasShops && b === 1;
      const firstFloor = shopsHere ? 2 : 1;
      const fixedUnits = opts.unitsOf?.get(b);
      let units = fixedUnits ?? rng.int(1, 3);
      let floors = rng.int(6, 18);
      const flats = () => (floors - firstFloor + 1) * units * FLATS_PER_FLOOR;
      // Buildings are shrunk (down to 6 floors, 1 unit) to share what is left of the budget with the
      // buildings still required, so the city's total stays near its target.
      const cap = Math.max(0, Math.ceil(remaining / Math.max(1, (opts.minBuildings ?? 1) - b + 1)));
      if (flats() > cap) {
        if (fixedUnits === undefined)
          units = Math.max(1, Math.min(units, Math.floor(cap / ((floors - firstFloor + 1) * FLATS_PER_FLOOR))));
        floors = Math.min(18, Math.max(6, firstFloor - 1 + Math.ceil(cap / (units * FLATS_PER_FLOOR))));
      }
      const building = addPlace(estate.place, 'building', `${estate.place.code}-${pad(b, 2)}`, `${b}幢`, false);
      if (shopsHere) {
        for (let s = 1, n = rng.int(2, 4); s <= n; s++)
          addDwelling(building, estate, `01${pad(s, 2)}`, 1, rng.int(3000, 12000), 'shop');
      }
      for (let u = 1; u <= units; u++) {
        const unit = addPlace(building, 'unit', `${building.code}-${u}`, `${u}单元`, false);
        // Flats in one column of a unit share a layout, hence a registered area.
        const layouts = Array.from({ length: FLATS_PER_FLOOR }, () => rng.int(5500, 14000));
        for (let floor = firstFloor; floor <= floors; floor++) {
          layouts.forEach((area, i) =>
            addDwelling(unit, estate, `${pad(floor, 2)}${pad(i + 1, 2)}`, floor, area, 'home'),
          );
        }
      }
      remaining -= flats();
    }
  }

  function addUrbanCommunity(town: PlaceRow, code: string, plan: CommunityPlan): CommunityNode {
    const isRiverside = plan.name === '河滨社区';
    const stem = isRiverside ? RIVERSIDE.stem : estateStem(rng, usedStems);
    const place = addPlace(town, 'community', code, plan.name ?? `${stem}社区`, false);
    const community: CommunityNode = { place, town, stem, isRural: false, estates: [] };
    const budget = rng.int(...URBAN_FLATS_PER_COMMUNITY);
    // 河滨小区 takes two thirds of its community, enough homes for an owners' committee.
    const shares = isRiverside ? [6, 3] : Array.from({ length: rng.int(1, 3) }, () => rng.int(2, 5));
    const shareTotal = shares.reduce((a, b) => a + b, 0);
    shares.forEach((share, i) => {
      const name =
        i === 0
          ? isRiverside
            ? RIVERSIDE.estate
            : estateName(rng, stem)
          : estateName(rng, estateStem(rng, usedStems));
      const estatePlace = addPlace(place, 'estate', `${code}-${pad(i + 1, 2)}`, name, false);
      const estate: EstateNode = { place: estatePlace, community, homeCount: 0 };
      community.estates.push(estate);
      const flats = Math.round((budget * share) / shareTotal);
      fillUrbanEstate(estate, flats, isRiverside && i === 0 ? RIVERSIDE : {});
    });
    return community;
  }

  function addVillage(town: PlaceRow, code: string, plan: CommunityPlan): CommunityNode {
    const name = plan.name ?? villageName(rng, usedVillages);
    const place = addPlace(town, 'community', code, name, true);
    const community: CommunityNode = { place, town, stem: name.replace(/村$/, ''), isRural: true, estates: [] };
    let group = 0;
    for (let v = 1, villages = rng.int(2, 3); v <= villages; v++) {
      const estatePlace = addPlace(
        place,
        'estate',
        `${code}-${pad(v, 2)}`,
        naturalVillageName(rng, usedNaturalVillages),
        true,
      );
      const estate: EstateNode = { place: estatePlace, community, homeCount: 0 };
      community.estates.push(estate);
      for (let g = 0, groups = rng.int(2, 3); g < groups; g++) {
        group++; // villager groups are numbered across the whole village
        const groupPlace = addPlace(
          estatePlace,
          'building',
          `${estatePlace.code}-${pad(group, 2)}`,
          `第${group}村民小组`,
          true,
        );
        for (let h = 1, houses = rng.int(18, 30); h <= houses; h++) {
          addDwelling(groupPlace, estate, pad(h, 3), 1, rng.int(12000, 26000), 'home');
        }
      }
    }
    return community;
  }

  const city = addPlace(undefined, 'city', 'TA', CITY_NAME, false);
  const towns: PlaceRow[] = [];
  const communities: CommunityNode[] = [];
  TOWNS.forEach((plan, t) => {
    const town = addPlace(city, 'town', `TA-${pad(t + 1, 2)}`, plan.name, plan.isRural);
    towns.push(town);
    plan.communities.forEach((c, i) => {
      const code = `${town.code}-${pad(i + 1, 2)}`;
      communities.push(c.isRural ? addVillage(town, code, c) : addUrbanCommunity(town, code, c));
    });
    markDeveloperHeld(sites, town);
  });
  return { city, towns, communities, places, sites, byCode: new Map(places.map((p) => [p.code, p])) };
}

/** The top flats of the town's newest urban estate are still unsold and held by the developer. */
function markDeveloperHeld(sites: DwellingSite[], town: PlaceRow) {
  const inTown = sites.filter(
    (s) => s.estate.community.town === town && !s.estate.community.isRural && s.dwelling.use === 'home',
  );
  const newest = inTown.at(-1)?.estate;
  const unsold = inTown.filter((s) => s.estate === newest).slice(-DEVELOPER_HELD_PER_TOWN);
  for (const site of unsold) site.dwelling.isDeveloperHeld = true;
}
