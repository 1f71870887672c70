/** The SQL of the demo training year (training.ts): the programme's presence and the trainees drawn on. */
import { and, asc, eq, isNotNull, lte, not, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { accounts, poolMembers, residents, trainingProgrammes } from '../db/schema';
import { inSubtree } from '../db/subtree';

/** Whether a programme with this title exists already. */
export async function programmeTitled(db: DbOrTx, title: string): Promise<boolean> {
  const [row] = await db
    .select({ id: trainingProgrammes.id })
    .from(trainingProgrammes)
    .where(eq(trainingProgrammes.title, title))
    .limit(1);
  return row !== undefined;
}

/**
 * Adults with a phone no account uses yet, in no member pool, outside the subtree at `keptClean`, by id:
 * people who have never logged in, so giving them an account and a pool entry changes no one else's demo.
 */
export async function residentsWithoutAccount(db: DbOrTx, keptClean: string, adultBorn: string) {
  return db
    .select({
      id: residents.id,
      name: residents.name,
      phone: residents.phone,
      placeId: residents.placeId,
      placePath: residents.placePath,
    })
    .from(residents)
    .where(
      and(
        isNotNull(residents.phone),
        lte(residents.birthDate, adultBorn),
        not(inSubtree(residents.placePath, keptClean)),
        sql`not exists (select 1 from ${accounts} where ${accounts.phone} = ${residents.phone})`,
        sql`not exists (select 1 from ${poolMembers} where ${poolMembers.residentId} = ${residents.id})`,
      ),
    )
    .orderBy(asc(residents.id));
}
