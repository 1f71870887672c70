import type { Actor } from '../../domain/access';
import type { Role } from '../../domain/access/roles';
import { loadActor } from '../plugins/session';
import type { Db } from '../db/client';
import type { places } from '../db/schema';
import { personName } from './names';
import type { Rng } from './random';
import {
  accountIdByPhone,
  candidateResidents,
  grantRoleIfMissing,
  insertDemoAccount,
  insertResidentAccounts,
  insertRoleGrants,
  placesUnder,
} from './matters-cast.repository';

export type PlaceRef = { id: number; code: string; name: string; path: string; isRural: boolean };
export type Person = { residentId: number; name: string; placePath: string; actor: Actor };

/** Staff of one community: 河滨社区 keeps its demo staff; the others get their own, made here. */
export type Community = PlaceRef & {
  /** The community's hall (议事阵地), where its meetings are booked. */
  hallId?: number;
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
    const id = await insertDemoAccount(this.db, {
      phone,
      displayName,
      residentId,
      passwordHash: residentId ? null : this.passwordHash,
    });
    return id ?? (await accountIdByPhone(this.db, phone));
  }

  /** The community with its estates, buildings and staff (created on first use). */
  async community(place: PlaceRef, number: number): Promise<Community> {
    const actors: Actor[] = [];
    for (const [role, digit] of staffRoles) {
      const name = personName(this.rng, { gender: this.rng.chance(0.5) ? 'male' : 'female', birthYear: 1975 });
      const accountId = await this.account(staffPhone(number, digit), name, null);
      await grantRoleIfMissing(this.db, { accountId, role, placeId: place.id });
      actors.push(await loadActor(this.db, accountId, null));
    }
    const below = await placesUnder(this.db, place.path);
    const estates = below.filter((p) => p.kind === 'estate').map(ref);
    const buildings = below
      .filter((p) => p.kind === 'building')
      .map((b) => ({ ...ref(b), estate: estates.find((e) => b.path.startsWith(e.path))! }));
    return { ...place, convenor: actors[0]!, grid: actors[1]!, supervisor: actors[2]!, estates, buildings };
  }

  /** Adults with a phone outside 河滨社区, by id; none of them a demo login's resident. */
  private candidates: Candidate[] = [];

  /** Reads the residents the stories may draw on, once. */
  async loadResidents(keptClean: string): Promise<void> {
    const adultBorn = `${new Date().getFullYear() - 20}-01-01`;
    this.candidates = await candidateResidents(this.db, keptClean, adultBorn);
  }

  /**
   * `count` adults living under `path`, drawn by the seed's random stream (never one in `avoid`).
   * Their accounts are written later, all at once, by `enrol`.
   */
  residentsUnder(path: string, count: number, avoid: ReadonlySet<number>): Person[] {
    const here = this.candidates.filter((r) => r.placePath.startsWith(path) && !avoid.has(r.id));
    return this.rng
      .shuffle(here.slice(0, 300))
      .slice(0, count)
      .map((r) => {
        const known = this.people.get(r.id);
        if (known) return known;
        const person: Person & { candidate: Candidate } = {
          residentId: r.id,
          name: r.name,
          placePath: r.placePath,
          actor: { accountId: 0, residentId: r.id, grants: [] },
          candidate: r,
        };
        this.people.set(r.id, person);
        return person;
      });
  }

  /**
   * Gives every drawn resident the account a first code login would make (their phone, the resident
   * role on their home), in two statements, and the actor that login would load.
   */
  async enrol(): Promise<void> {
    const people = [...this.people.values()] as (Person & { candidate: Candidate })[];
    if (people.length === 0) return;
    const rows = await insertResidentAccounts(
      this.db,
      people.map((p) => ({ phone: p.candidate.phone!, displayName: p.name, residentId: p.residentId })),
    );
    const accountOf = new Map(rows.map((r) => [r.residentId, r.id]));
    const enrolled = people.filter((p) => accountOf.has(p.residentId));
    if (enrolled.length !== people.length) throw new Error('a demo resident already had an account');
    await insertRoleGrants(
      this.db,
      enrolled.map((p) => ({
        accountId: accountOf.get(p.residentId)!,
        role: 'resident' as const,
        placeId: p.candidate.placeId,
      })),
    );
    for (const p of enrolled) {
      p.actor = {
        accountId: accountOf.get(p.residentId)!,
        residentId: p.residentId,
        grants: [{ role: 'resident', placeId: p.candidate.placeId, placePath: p.candidate.placePath }],
      };
    }
  }
}

type Candidate = { id: number; name: string; phone: string | null; placeId: number; placePath: string };

const ref = (p: typeof places.$inferSelect): PlaceRef => ({
  id: p.id,
  code: p.code,
  name: p.name,
  path: p.path,
  isRural: p.isRural,
});
