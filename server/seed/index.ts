import { hashPassword } from '../modules/auth';
import type { Db, DbOrTx } from '../db/client';
import { DEMO_PASSWORD } from './accounts';
import { buildDemoData } from './build';
import { seedDemoMattersIfEmpty } from './matters';
import { seedDemoDemonstrationIfEmpty } from './demonstration';
import { seedDemoProjectsIfEmpty } from './projects';
import { seedDemoVenues } from './venues';
import { seedDemoTalentsIfEmpty } from './talents';
import { seedDemoOrganisations } from './organisations';
import { seedDemoTrainingIfEmpty } from './training';
import { Ids } from './model';
import { lastIds, writeDemoData } from './write.repository';
import {
  countPlaces,
  demoAccountsExist,
  recordDemoGrants,
  takeSeedLock,
  truncatePublicTables,
} from './seed.repository';

export type SeedSummary = {
  places: number;
  dwellings: number;
  households: number;
  residents: number;
  accounts: number;
  /** Demo matters written through the services after the city committed (0 when there were some already). */
  matters: number;
};
export { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts';

/** Held for the length of the seeding transaction, so two app processes starting together seed once. */
const SEED_LOCK = 727002;

/** Writes the demo city into `tx`, which must hold no places yet; the caller owns the transaction. */
export async function seedDemo(tx: DbOrTx, opts: { seed: number }): Promise<Omit<SeedSummary, 'matters'>> {
  // The demo accounts share one published password, so one hash (one salt) serves them all;
  // scrypt runs on the thread pool while the roster is built and written.
  const passwordHash = hashPassword(DEMO_PASSWORD);
  passwordHash.catch(() => undefined);
  const data = buildDemoData(opts.seed, new Ids(await lastIds(tx)));
  await writeDemoData(tx, data, passwordHash);
  return {
    places: data.places.length,
    dwellings: data.dwellings.length,
    households: data.households.length,
    residents: data.residents.length,
    accounts: data.accounts.length,
  };
}

/** Whether demo accounts exist here (a demo database later started without demo mode). */
export async function holdsDemoData(db: DbOrTx): Promise<boolean> {
  return demoAccountsExist(db);
}

/** Seeds the demo city when the database has no places yet; returns what it wrote, or undefined. */
export async function seedDemoIfEmpty(
  db: Db,
  opts: { seed: number; dataDir: string },
): Promise<SeedSummary | undefined> {
  if ((await countPlaces(db)) > 0) return undefined;
  const city = await db.transaction(async (tx) => {
    await takeSeedLock(tx, SEED_LOCK);
    // Another process may have seeded while this one waited for the lock.
    if ((await countPlaces(tx)) > 0) return undefined;
    return seedDemo(tx, { seed: opts.seed });
  });
  if (!city) return undefined;
  const matters = (await seedDemoMattersIfEmpty(db, { seed: opts.seed })) ?? 0;
  if (matters > 0) await seedDemoVenues(db, { dataDir: opts.dataDir });
  await recordDemoGrants(db);
  await seedDemoOrganisations(db);
  await seedDemoDemonstrationIfEmpty(db);
  await seedDemoProjectsIfEmpty(db, { dataDir: opts.dataDir });
  await seedDemoTrainingIfEmpty(db);
  await seedDemoTalentsIfEmpty(db);
  return { ...city, matters };
}

/** Empties every table of the public schema and seeds again, in one transaction (`npm run seed -- --reset`). */
export async function resetAndSeedDemo(db: Db, opts: { seed: number; dataDir: string }): Promise<SeedSummary> {
  const city = await db.transaction(async (tx) => {
    await takeSeedLock(tx, SEED_LOCK);
    await truncatePublicTables(tx);
    return seedDemo(tx, { seed: opts.seed });
  });
  const matters = (await seedDemoMattersIfEmpty(db, { seed: opts.seed })) ?? 0;
  if (matters > 0) await seedDemoVenues(db, { dataDir: opts.dataDir });
  await recordDemoGrants(db);
  await seedDemoOrganisations(db);
  await seedDemoDemonstrationIfEmpty(db);
  await seedDemoProjectsIfEmpty(db, { dataDir: opts.dataDir });
  await seedDemoTrainingIfEmpty(db);
  await seedDemoTalentsIfEmpty(db);
  return { ...city, matters };
}
