import type {
  accounts,
  councilMembers,
  councils,
  dwellings,
  households,
  organisations,
  ownerships,
  places,
  poolMembers,
  residents,
  roleGrants,
} from '../db/schema';

/**
 * Rows as the seed writes them: every id is chosen in memory (then inserted with OVERRIDING SYSTEM
 * VALUE), so paths and links are known before anything touches the database.
 */
type WithId<T> = Omit<T, 'id'> & { id: number };

export type PlaceRow = WithId<typeof places.$inferInsert> & { parentId: number | null; path: string; isRural: boolean };
export type DwellingRow = WithId<typeof dwellings.$inferInsert>;
export type HouseholdRow = WithId<typeof households.$inferInsert>;
export type ResidentRow = WithId<typeof residents.$inferInsert> & { birthDate: string; phone: string | null };
export type OwnershipRow = typeof ownerships.$inferInsert;
export type OrganisationRow = WithId<typeof organisations.$inferInsert>;
export type PoolMemberRow = WithId<typeof poolMembers.$inferInsert> & { tags: string[] };
export type CouncilRow = WithId<typeof councils.$inferInsert>;
export type CouncilMemberRow = WithId<typeof councilMembers.$inferInsert>;
export type AccountRow = WithId<Omit<typeof accounts.$inferInsert, 'passwordHash'>>;
export type RoleGrantRow = WithId<typeof roleGrants.$inferInsert>;

/** The tables the seed fills, in insertion order (parents before children). */
export const seededTables = [
  'places',
  'dwellings',
  'households',
  'residents',
  'organisations',
  'pool_members',
  'councils',
  'council_members',
  'accounts',
  'role_grants',
] as const;
export type SeededTable = (typeof seededTables)[number];

/** Hands out ids per table, starting after what the table already holds (nothing, on an empty database). */
export class Ids {
  private readonly last: Record<SeededTable, number>;
  constructor(start: Partial<Record<SeededTable, number>> = {}) {
    this.last = Object.fromEntries(seededTables.map((t) => [t, start[t] ?? 0])) as Record<SeededTable, number>;
  }
  next(table: SeededTable): number {
    return ++this.last[table];
  }
}

export const pad = (n: number, width: number) => String(n).padStart(width, '0');
