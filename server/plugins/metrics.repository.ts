import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { smsMessages } from '../db/schema';

/** Text messages recorded, counted by template and delivery status. */
export async function smsMessageCounts(db: Db) {
  const result = await db.execute<{ template: string; status: string; count: number }>(
    sql`select template, status, count(*)::int as count from ${smsMessages} group by template, status`,
  );
  return result.rows;
}
