import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residents, smsMessages } from '../../db/schema';
import { buildTestApp, type TestApp } from '../../test/build-test-app';
import { buildResident, buildTerritory } from '../../test/factories';

const TOKEN = 'reply-token-0123456789abcdef';

describe('replies pushed by the SMS provider', () => {
  let t: TestApp;
  let ids: { li: number; wang: number };

  /** As the provider calls: no cookie, no CSRF header. */
  const push = (payload: unknown, token = TOKEN) =>
    t.app.inject({ method: 'POST', url: `/callbacks/sms/replies?token=${token}`, payload: payload as object });
  const optedOut = async (id: number) =>
    (await t.database.db.select().from(residents).where(eq(residents.id, id)))[0]!.smsOptOut;

  beforeAll(async () => {
    t = await buildTestApp({ YISHI_SMS_REPLY_TOKEN: TOKEN });
    const territory = await buildTerritory(t.database.db);
    const li = await buildResident(t.database.db, { placeId: territory.unit1.id, phone: '13812340001' });
    const wang = await buildResident(t.database.db, { placeId: territory.unit1.id, phone: '13812340002' });
    ids = { li: li.id, wang: wang.id };
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a wrong token as if the address did not exist, changing nothing', async () => {
    const response = await push([{ phone_number: '13812340001', content: 'TD' }], 'wrong-token-0123456789abcdef');
    expect(response.statusCode).toBe(404);
    expect(await optedOut(ids.li)).toBe(false);
  });

  it('turns texts off on an Alibaba Cloud TD reply and stops the queued texts to that number', async () => {
    await t.database.db.insert(smsMessages).values({ template: 'notice', phone: '13812340001', params: {} });
    const response = await push([
      { phone_number: '13812340001', content: 'TD', send_time: '2026-12-05 10:00:00', sequence_id: 1 },
      { phone_number: '13812340002', content: '好的，我会参加' },
    ]);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ code: 0, result: 0 });
    expect(await optedOut(ids.li)).toBe(true);
    expect(await optedOut(ids.wang)).toBe(false);
    const rows = await t.database.db.select().from(smsMessages).where(eq(smsMessages.phone, '13812340001'));
    expect(rows.map((r) => r.status)).toEqual(['opted_out']);
  });

  it('reads a Tencent Cloud reply (one object, +86 number, 退订)', async () => {
    const response = await push({ mobile: '+8613812340002', nationcode: '86', text: '退订', time: 1764900000 });
    expect(response.statusCode).toBe(200);
    expect(await optedOut(ids.wang)).toBe(true);
  });
});

describe('replies without a configured token', () => {
  it('answers 404: the callback is off', async () => {
    const t = await buildTestApp();
    try {
      const response = await t.app.inject({
        method: 'POST',
        url: '/callbacks/sms/replies?token=',
        payload: [{ phone_number: '13812340001', content: 'TD' }],
      });
      expect(response.statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });
});
