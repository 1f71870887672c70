import type { RuleKey } from '../../domain/voting';
import { randomBytes } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { accounts, ballotElectors, ballotOptions, ballots, residents, roleGrants, sessions } from '../db/schema';
import { closeBallot } from '../modules/ballots';
import { TestClient, type TestApp } from './build-test-app';
import { buildDwelling, buildResident } from './factories';
import { sha256 } from '../hash';

type ElectorSpec = {
  residentIds: number[];
  key?: string;
  label?: string;
  /** Hundredths of m². */
  areaCenti?: number | bigint;
  householdId?: number | null;
  dwellingIds?: number[];
};

/**
 * A ballot written directly, in any state, with exactly the electorate given (no snapshot logic),
 * for tests of voting channels, closing and results. `closed` ballots are closed through the real
 * closeBallot (so they carry a tallied result). Real journeys go through the routes instead.
 */
export async function buildBallot(
  db: Db,
  opts: {
    matterId?: number | null;
    councilId?: number | null;
    placeId: number;
    placePath: string;
    createdBy: number;
    electors: ElectorSpec[];
    status?: 'draft' | 'open' | 'closed';
    ruleKey?: RuleKey;
    electorateKind?: 'owners' | 'adult_residents' | 'households' | 'representatives' | 'council';
    secrecy?: 'named' | 'secret';
    allowsChange?: boolean;
    proxyCap?: number;
    closesAt?: Date;
    options?: string[];
    requiredDwellingIds?: number[];
    question?: string;
  },
) {
  const [ballot] = await db
    .insert(ballots)
    .values({
      matterId: opts.matterId ?? null,
      councilId: opts.councilId ?? null,
      placeId: opts.placeId,
      placePath: opts.placePath,
      scopePlaceId: opts.placeId,
      question: opts.question ?? '是否同意5幢2单元加装电梯？',
      ruleKey: opts.ruleKey ?? 'civil_code_278_major',
      ruleVersion: 1,
      electorateKind: opts.electorateKind ?? 'owners',
      secrecy: opts.secrecy ?? 'named',
      allowsChange: opts.allowsChange ?? false,
      proxyCap: opts.proxyCap ?? 3,
      requiredDwellingIds: opts.requiredDwellingIds ?? [],
      status: opts.status === 'draft' ? 'draft' : 'open',
      openedAt: opts.status === 'draft' ? null : new Date(),
      closesAt: opts.closesAt ?? new Date(Date.now() + 7 * 86_400_000),
      createdBy: opts.createdBy,
    })
    .returning();
  const options = opts.options?.length
    ? await db
        .insert(ballotOptions)
        .values(opts.options.map((label, i) => ({ ballotId: ballot!.id, position: i + 1, label })))
        .returning()
    : [];
  const electors =
    opts.status === 'draft' || opts.electors.length === 0
      ? []
      : await db
          .insert(ballotElectors)
          .values(
            opts.electors.map((e, i) => ({
              ballotId: ballot!.id,
              key: e.key ?? `test:${i + 1}`,
              label: e.label ?? `5幢2单元${String(i + 1).padStart(2, '0')}01 表决人${i + 1}`,
              residentIds: e.residentIds,
              dwellingIds: e.dwellingIds ?? [],
              householdId: e.householdId ?? null,
              areaCenti: BigInt(e.areaCenti ?? 0),
            })),
          )
          .returning();
  if (opts.status === 'closed') {
    const closed = await closeBallot(db, ballot!.id, opts.createdBy);
    return { ballot: closed!, options, electors };
  }
  return { ballot: ballot!, options, electors };
}

let flat = 0;

/**
 * Owners in `placeId` (a unit): each spec is one person owning one dwelling per area given (hundredths
 * of m²), with a phone so tests can log in as them. Returns the residents with their dwellings.
 */
export async function buildOwners(
  db: Db,
  placeId: number,
  specs: { name: string; phone: string; areas: number[]; birthDate?: string }[],
) {
  const owners = [];
  for (const spec of specs) {
    const dwellings = [];
    for (const areaCenti of spec.areas) {
      flat += 1;
      dwellings.push(await buildDwelling(db, { placeId, room: `${1000 + flat}`, floor: 1 + (flat % 18), areaCenti }));
    }
    const resident = await buildResident(db, {
      placeId,
      name: spec.name,
      phone: spec.phone,
      birthDate: spec.birthDate,
      dwellingId: dwellings[0]?.id,
      owns: dwellings.map((d) => d.id),
    });
    owners.push({ resident, dwellings });
  }
  return owners;
}

/** A client whose session cookie was written straight into the database (no SMS round trip, no rate limit). */
class SessionClient extends TestClient {
  constructor(
    app: TestApp['app'],
    private readonly token: string,
  ) {
    super(app);
  }
  override request(opts: InjectOptions & { url: string }) {
    const cookie = `yishi_csrf=test-csrf-token; yishi_session=${this.token}`;
    return super.request({ ...opts, headers: { cookie, ...(opts.headers ?? {}) } });
  }
}

/**
 * Logs a roster resident in as the auth module would at first login (account, resident grant),
 * with a session made directly: many voters per test without the login rate limit.
 */
export async function residentClient(t: TestApp, residentId: number): Promise<TestClient> {
  const db = t.database.db;
  const [resident] = await db.select().from(residents).where(eq(residents.id, residentId));
  const [existing] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.residentId, residentId));
  const accountId =
    existing?.id ??
    (
      await db
        .insert(accounts)
        .values({
          phone: resident!.phone ?? `199${String(residentId).padStart(8, '0')}`,
          displayName: resident!.name,
          residentId,
        })
        .returning({ id: accounts.id })
    )[0]!.id;
  await db.insert(roleGrants).values({ accountId, role: 'resident', placeId: resident!.placeId }).onConflictDoNothing();
  return accountClient(t, accountId);
}

/** A client with a fresh session of an existing account, made directly (no login route, no rate limit). */
export async function accountClient(t: TestApp, accountId: number): Promise<TestClient> {
  const token = randomBytes(24).toString('base64url');
  await t.database.db.insert(sessions).values({
    tokenHash: sha256(token),
    accountId,
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  return new SessionClient(t.app, token);
}
