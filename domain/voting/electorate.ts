/**
 * Building the electorate a ballot fixes when it opens. For owners (SPC interpretation on building
 * ownership, Arts. 8–9): one exclusive part counts as one person, an owner of several parts counts
 * once with the areas summed, co-owners of a part give one choice together, and the developer's
 * unsold or undelivered parts together count as one person.
 */

/** One person (or group of co-owners) who gives one choice, with their weights. */
export type Elector = {
  /** Stable within the ballot: the snapshot row's key. */
  key: string;
  /** Exclusive area in hundredths of m² (0 where area does not apply). */
  area: bigint;
  /** For household-based quorums; null where households do not apply. */
  householdId: number | null;
  /** The people who may cast this elector's choice (co-owners share one). */
  personIds: readonly number[];
  /** The dwellings (exclusive parts) behind an owner elector. */
  dwellingIds: readonly number[];
};

/** One owner's share in one exclusive part; `personId` null marks the developer's holding. */
export type Ownership = { dwellingId: number; personId: number | null; area: bigint };

const DEVELOPER = 'developer';

/**
 * Owner electors: parts linked by a shared owner form one elector (union-find over dwellings), so an
 * owner of two flats, or a couple co-owning one, counts once; all developer-held parts count once.
 */
export function ownerElectors(ownerships: readonly Ownership[]): Elector[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  const node = (key: string) => {
    if (!parent.has(key)) parent.set(key, key);
    return key;
  };
  const areaOf = new Map<number, bigint>();
  for (const o of ownerships) {
    const dwelling = node(`d${o.dwellingId}`);
    union(dwelling, node(o.personId === null ? DEVELOPER : `p${o.personId}`));
    // A part's area is the part's, however many co-owners hold it.
    areaOf.set(o.dwellingId, o.area);
  }
  const groups = new Map<string, { dwellings: Set<number>; persons: Set<number> }>();
  for (const o of ownerships) {
    const root = find(`d${o.dwellingId}`);
    const group = groups.get(root) ?? { dwellings: new Set(), persons: new Set() };
    group.dwellings.add(o.dwellingId);
    if (o.personId !== null) group.persons.add(o.personId);
    groups.set(root, group);
  }
  return [...groups.values()]
    .map((g) => {
      const dwellingIds = [...g.dwellings].sort((a, b) => a - b);
      return {
        key: `owner:${dwellingIds.join('+')}`,
        area: dwellingIds.reduce((sum, id) => sum + (areaOf.get(id) ?? 0n), 0n),
        householdId: null,
        personIds: [...g.persons].sort((a, b) => a - b),
        dwellingIds,
      };
    })
    .sort((a, b) => a.dwellingIds[0]! - b.dwellingIds[0]!);
}
