/** The kinds of place, top to bottom; depth in the tree is the index + 1. */
export const placeKinds = ['city', 'town', 'community', 'estate', 'building', 'unit'] as const;
export type PlaceKind = (typeof placeKinds)[number];
/** The places that get a monthly bulletin (月度通报): cities, towns and communities. */
export const bulletinPlaceKinds = ['city', 'town', 'community'] as const satisfies readonly PlaceKind[];
/** The places the public showcase filters matters by: towns and communities. */
export const showcaseFilterKinds = ['town', 'community'] as const satisfies readonly PlaceKind[];

/** Which kind may sit under which: a unit is optional, so a building's dwellings may hang on it directly. */
export const childKindOf: Record<PlaceKind, PlaceKind | undefined> = {
  city: 'town',
  town: 'community',
  community: 'estate',
  estate: 'building',
  building: 'unit',
  unit: undefined,
};

/** Materialised path of ids: `/1/4/17/`. */
export type PlacePath = string;

export function childPath(parentPath: PlacePath | undefined, id: number): PlacePath {
  return `${parentPath ?? '/'}${id}/`;
}

/** True when `path` is `ancestor` itself or lies below it. */
export function isWithin(path: PlacePath, ancestor: PlacePath): boolean {
  return path.startsWith(ancestor);
}

/** Ids along the path, root first. */
export function pathIds(path: PlacePath): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

/** The ancestor path at `depth` (1 = city, 2 = town, 3 = community), or undefined if shallower. */
export function ancestorPathAt(path: PlacePath, depth: number): PlacePath | undefined {
  const ids = pathIds(path);
  if (ids.length < depth) return undefined;
  return `/${ids.slice(0, depth).join('/')}/`;
}

export const COMMUNITY_DEPTH = 3;
