import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { accounts, matterOversight, supervisionFindings } from '../../db/schema';

/** Everyone assigned to oversee the matter (ended assignments too), first assigned first. */
export async function overseerRows(db: DbOrTx, matterId: number) {
  return db
    .select({
      accountId: accounts.id,
      name: accounts.displayName,
      assignedAt: matterOversight.assignedAt,
      endedAt: matterOversight.endedAt,
    })
    .from(matterOversight)
    .innerJoin(accounts, eq(accounts.id, matterOversight.supervisorAccountId))
    .where(eq(matterOversight.matterId, matterId))
    .orderBy(asc(matterOversight.assignedAt));
}

/** The matter's findings, newest first, with who wrote and who answered each. */
export async function findingRows(db: DbOrTx, matterId: number) {
  const answerer = sql<
    string | null
  >`(select display_name from ${accounts} where id = ${supervisionFindings.answeredBy})`;
  return db
    .select({ finding: supervisionFindings, supervisorName: accounts.displayName, answeredBy: answerer })
    .from(supervisionFindings)
    .innerJoin(accounts, eq(accounts.id, supervisionFindings.supervisorAccountId))
    .where(eq(supervisionFindings.matterId, matterId))
    .orderBy(desc(supervisionFindings.createdAt), desc(supervisionFindings.id));
}

/** Assigns a supervisor to the matter; false when an open assignment already exists. */
export async function insertOversight(
  tx: DbOrTx,
  values: { matterId: number; supervisorAccountId: number; assignedBy: number },
): Promise<boolean> {
  const [row] = await tx
    .insert(matterOversight)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: matterOversight.id });
  return Boolean(row);
}

/** Ends the supervisor's open assignment to the matter; false when there was none. */
export async function markOversightEnded(
  tx: DbOrTx,
  matterId: number,
  supervisorAccountId: number,
  endedAt: Date,
): Promise<boolean> {
  const ended = await tx
    .update(matterOversight)
    .set({ endedAt })
    .where(
      and(
        eq(matterOversight.matterId, matterId),
        eq(matterOversight.supervisorAccountId, supervisorAccountId),
        isNull(matterOversight.endedAt),
      ),
    )
    .returning({ id: matterOversight.id });
  return ended.length > 0;
}

export async function insertFinding(
  tx: DbOrTx,
  values: { matterId: number; supervisorAccountId: number; body: string; dueOn: string | null },
): Promise<number> {
  const [row] = await tx.insert(supervisionFindings).values(values).returning({ id: supervisionFindings.id });
  return row!.id;
}

/** The matter a finding belongs to, or undefined for an unknown finding. */
export async function findingMatterId(db: DbOrTx, findingId: number): Promise<number | undefined> {
  const [finding] = await db
    .select({ matterId: supervisionFindings.matterId })
    .from(supervisionFindings)
    .where(eq(supervisionFindings.id, findingId));
  return finding?.matterId;
}

/** Writes the answer to a finding not answered yet; undefined when it already has one. */
export async function markFindingAnswered(
  tx: DbOrTx,
  findingId: number,
  answer: { answer: string; answeredBy: number; answeredAt: Date },
) {
  const [answered] = await tx
    .update(supervisionFindings)
    .set(answer)
    .where(and(eq(supervisionFindings.id, findingId), sql`${supervisionFindings.answeredAt} is null`))
    .returning({ id: supervisionFindings.id, supervisorAccountId: supervisionFindings.supervisorAccountId });
  return answered;
}
