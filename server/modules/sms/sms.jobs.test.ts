import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client';
import { smsMessages } from '../../db/schema';
import type { SmsMessage, SmsProvider } from '../../deps';
import { SmsError, type SmsFailure } from '../../errors';
import { RecordingSms } from '../../test/build-test-app';
import { createTestDatabase } from '../../test/database';
import { deliverDueTexts } from './sms.jobs';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});
// Each case starts from an empty queue: a message one case left queued would fall due in the next.
beforeEach(async () => {
  await database.db.delete(smsMessages);
});

/** Refuses every message with one failure, counting the attempts. */
class FailingSms implements SmsProvider {
  readonly name = 'failing';
  attempts = 0;
  constructor(private readonly failure: SmsFailure) {}
  async send(): Promise<never> {
    this.attempts += 1;
    throw new SmsError(this.failure, 'isv.TEST');
  }
}

/** Records like RecordingSms but takes a few milliseconds per message, as a real provider does. */
class SlowSms extends RecordingSms {
  override async send(message: SmsMessage) {
    await new Promise((r) => setTimeout(r, 3));
    return super.send(message);
  }
}

const cst = (local: string) => new Date(`${local}+08:00`);
let nextPhone = 0;

/** Queued messages due at `notBefore`; returns their ids. */
async function queue(count: number, notBefore: Date, template: 'invitation' | 'notice' = 'notice') {
  const rows = await database.db
    .insert(smsMessages)
    .values(
      Array.from({ length: count }, () => ({
        template,
        phone: `136${String(10_000_000 + ++nextPhone).slice(-8)}`,
        params: { title: '议事会召开公告' },
        notBefore,
      })),
    )
    .returning({ id: smsMessages.id });
  return rows.map((r) => r.id);
}
const load = (ids: number[]) =>
  database.db.select().from(smsMessages).where(inArray(smsMessages.id, ids)).orderBy(smsMessages.id);

describe('delivering queued texts', () => {
  it('sends the due messages and records them, and leaves the not yet due ones queued', async () => {
    const now = cst('2027-03-10T10:00:00');
    const due = await queue(3, cst('2027-03-10T09:59:00'));
    const later = await queue(2, cst('2027-03-11T08:00:00'));
    const sms = new RecordingSms();
    const outcome = await deliverDueTexts(database.db, sms, { clock: { now: () => now } });
    expect(outcome).toEqual({ sent: 3, retried: 0, failed: 0 });
    const sent = await load(due);
    expect(sent.map((r) => [r.status, r.attempts, r.provider])).toEqual(Array(3).fill(['sent', 1, 'recording']));
    expect(sent.map((r) => r.providerMessageId)).toEqual(['rec-1', 'rec-2', 'rec-3']);
    expect(sent[0]!.sentAt).toEqual(now);
    expect(sms.sent.map((m) => m.phone)).toEqual(sent.map((r) => r.phone));
    expect(sms.sent[0]).toMatchObject({ template: 'notice', params: { title: '议事会召开公告' } });
    expect((await load(later)).map((r) => [r.status, r.attempts])).toEqual([
      ['queued', 0],
      ['queued', 0],
    ]);
    // Once sent, never again.
    await deliverDueTexts(database.db, sms, { clock: { now: () => now } });
    expect(sms.sent).toHaveLength(3);
  });

  it('retries after 1, 5 and 30 minutes, then records the failure', async () => {
    let now = cst('2027-03-12T10:00:00');
    const [id] = await queue(1, now);
    const sms = new FailingSms('unavailable');
    const steps: [string, number, string][] = [];
    for (const minutes of [0, 1, 5, 30, 60]) {
      now = new Date(now.getTime() + minutes * 60_000);
      await deliverDueTexts(database.db, sms, { clock: { now: () => now } });
      const [row] = await load([id!]);
      steps.push([row!.status, row!.attempts, row!.notBefore.toISOString()]);
    }
    expect(sms.attempts).toBe(4);
    const at = (local: string) => cst(local).toISOString();
    expect(steps).toEqual([
      ['queued', 1, at('2027-03-12T10:01:00')],
      ['queued', 2, at('2027-03-12T10:06:00')],
      ['queued', 3, at('2027-03-12T10:36:00')],
      ['failed', 4, at('2027-03-12T10:36:00')],
      ['failed', 4, at('2027-03-12T10:36:00')],
    ]);
    const [row] = await load([id!]);
    expect(row).toMatchObject({ failure: 'unavailable', providerCode: 'isv.TEST', provider: 'failing', sentAt: null });
  });

  it('fails a bad number at once, and moves an evening retry to the morning', async () => {
    const now = cst('2027-03-13T20:59:30');
    const [bad] = await queue(1, now);
    await deliverDueTexts(database.db, new FailingSms('phone'), { clock: { now: () => now } });
    const [throttled] = await queue(1, now);
    await deliverDueTexts(database.db, new FailingSms('throttled'), { clock: { now: () => now } });
    const [badRow, throttledRow] = await load([bad!, throttled!]);
    expect(badRow).toMatchObject({ status: 'failed', attempts: 1, failure: 'phone' });
    expect(throttledRow).toMatchObject({ status: 'queued', attempts: 1, failure: 'throttled' });
    expect(throttledRow!.notBefore).toEqual(cst('2027-03-14T08:00:00'));
  });

  it('never sends one message twice when two workers deliver at once', async () => {
    const now = cst('2027-03-15T10:00:00');
    const ids = await queue(60, now);
    const otherNode = openDatabase(database.url, 3);
    const [a, b] = [new SlowSms(), new SlowSms()];
    try {
      const outcomes = await Promise.all([
        deliverDueTexts(database.db, a, { clock: { now: () => now }, batch: 7 }),
        deliverDueTexts(otherNode.db, b, { clock: { now: () => now }, batch: 7 }),
      ]);
      expect(outcomes[0]!.sent + outcomes[1]!.sent).toBe(60);
      // Both took part (otherwise the test would not show anything about concurrency).
      expect(a.sent.length).toBeGreaterThan(0);
      expect(b.sent.length).toBeGreaterThan(0);
    } finally {
      await otherNode.close();
    }
    const phones = [...a.sent, ...b.sent].map((m) => m.phone);
    expect(new Set(phones).size).toBe(60);
    expect(phones).toHaveLength(60);
    const rows = await load(ids);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });
});
