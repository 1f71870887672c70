/*
 * SEED ENGINEER: your brief's 'common context' and the demo facts ('listed below') are in
 * docs/engineering-brief.md — read it first. Remove this comment when you replace the stub.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

export type SeedSummary = { places: number; dwellings: number; households: number; residents: number; accounts: number };

/** Seeds the demo city when the database has no places yet; returns what it wrote, or undefined. */
export async function seedDemoIfEmpty(db: Db, opts: { seed: number; dataDir: string }): Promise<SeedSummary | undefined> {
  const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from places`).then((r) => r.rows);
  if ((row?.n ?? 0) > 0) return undefined;
  void opts;
  return undefined;
}
