import { and, asc, eq, like, lte, isNotNull, notInArray } from 'drizzle-orm';
import type { Actor } from '../../../domain/access';
import type { Role } from '../../../domain/access/roles';
import { loadActor } from '../../plugins/session';
import type { Db } from '../client';
import { accounts, places, residents, roleGrants } from '../schema';
import { personName } from './names';
import type { Rng } from './random';

export type PlaceRef = { id: number; code: string; name: string; path: string; isRural: boolean };
export type Person = { residentId: number; name: string; placePath: string; actor: Actor };

/** Staff of one community: 河滨社区 keeps its demo staff; the others get their own, made here. */
export type Community = PlaceRef & {
  convenor: Actor;
  grid: Actor;
  supervisor: Actor;
  estates: PlaceRef[];
  buildings: (PlaceRef & { estate: PlaceRef })[];
};

const staffRoles = [
  ['convenor', 1],
  ['grid_worker', 2],
  ['supervisor', 3],
] as const satisfies readonly (readonly [Role, number])[];

/**
 * Staff logins of the other communities: 1390100 + community number (2 digits) + role digit + 0,
 * e.g. 13901000210 is the convenor of the second community. Same password as every demo login.
 */
export const staffPhone = (communityNumber: number, roleDigit: number) =>
  `1390100${String(communityNumber).padStart(2, '0')}${roleDigit}0`;

/**
 * Writes and loads the people the demo matters need. Residents get an account (with the resident
 * role on their home) the way a first code login would make one, only when they first act.
 */
export class Cast {
  private readonly people = new Map<number, Person>();
  constructor(
    private readonly db: Db,
    private readonly rng: Rng,
    private readonly passwordHash: string,
  ) {}

  private async account(phone: string, displayName: string, residentId: number | null): Promise<number> {
    const [row] = await this.db
      .insert(accounts)
      .values({ phone, displayName, residentId, passwordHash: residentId ? null : this.passwordHash })
      .onConflictDoNothing()
      .returning({ id: accounts.id });
    return (
      row?.id ?? (await this.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.phone, phone)))[0]!.id
    );
  }

  /** The community with its estates, buildings and staff (created on first use). */
  async community(place: PlaceRef, number: number): Promise<Community> {
    const actors: Actor[] = [];
    for (const [role, digit] of staffRoles) {
      const name = personName(this.rng, { gender: this.rng.chance(0.5) ? 'male' : 'female', birthYear: 1975 });
      const accountId = await this.account(staffPhone(number, digit), name, null);
      await this.db.insert(roleGrants).values({ accountId, role, placeId: place.id }).onConflictDoNothing();
      actors.push(await loadActor(this.db, accountId, null));
    }
    const below = await this.db
      .select()
      .from(places)
      .where(like(places.path, `${place.path}%`))
      .orderBy(asc(places.code));
    const estates = below.filter((p) => p.kind === 'estate').map(ref);
    const buildings = below
      .filter((p) => p.kind === 'building')
      .map((b) => ({ ...ref(b), estate: estates.find((e) => b.path.startsWith(e.path))! }));
    return { ...place, convenor: actors[0]!, grid: actors[1]!, supervisor: actors[2]!, estates, buildings };
  }

  /**
   * `count` adults with a phone living under `path`, drawn by the seed's random stream, never one
   * in `avoid` (those already in the story) nor a demo login's resident.
   */
  async residentsUnder(path: string, count: number, avoid: ReadonlySet<number>): Promise<Person[]> {
    const demoResidents = this.db
      .select({ id: accounts.residentId })
      .from(accounts)
      .where(and(isNotNull(accounts.residentId), like(accounts.phone, '139000000%')));
    const adultBorn = `${new Date().getFullYear() - 20}-01-01`;
    const rows = await this.db
      .select({ id: residents.id, name: residents.name, phone: residents.phone, placePath: residents.placePath })
      .from(residents)
      .where(
        and(
          like(residents.placePath, `${path}%`),
          isNotNull(residents.phone),
          lte(residents.birthDate, adultBorn),
          notInArray(residents.id, demoResidents),
        ),
      )
      .orderBy(asc(residents.id))
      .limit(300);
    const chosen = this.rng.shuffle(rows.filter((r) => !avoid.has(r.id))).slice(0, count);
    const people: Person[] = [];
    for (const r of chosen) {
      let person = this.people.get(r.id);
      if (!person) {
        const accountId = await this.account(r.phone!, r.name, r.id);
        const [home] = await this.db
          .select({ placeId: residents.placeId })
          .from(residents)
          .where(eq(residents.id, r.id));
        await this.db
          .insert(roleGrants)
          .values({ accountId, role: 'resident', placeId: home!.placeId })
          .onConflictDoNothing();
        person = {
          residentId: r.id,
          name: r.name,
          placePath: r.placePath,
          actor: await loadActor(this.db, accountId, r.id),
        };
        this.people.set(r.id, person);
      }
      people.push(person);
    }
    return people;
  }
}

const ref = (p: typeof places.$inferSelect): PlaceRef => ({
  id: p.id,
  code: p.code,
  name: p.name,
  path: p.path,
  isRural: p.isRural,
});
