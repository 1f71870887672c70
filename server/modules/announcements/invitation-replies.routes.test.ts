import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitations, matters } from '../../db/schema';
import {
  afterDeliberationWorld,
  expectError,
  type AfterDeliberationWorld,
} from '../../test/after-deliberation.fixtures';

describe('POST /api/invitations/:id/reply once deliberation is over', () => {
  let w: AfterDeliberationWorld;
  beforeAll(async () => {
    w = await afterDeliberationWorld();
  });
  afterAll(() => w.t.close());

  it('takes the invitee’s answer while deliberating, then refuses it with 409 once resolved or archived', async () => {
    const m = await w.matterAt('deliberating');
    const [invitation] = await w.db
      .insert(invitations)
      .values({ matterId: m.id, reason: 'affected', accountId: w.residentAccountId })
      .returning();
    const url = `/api/invitations/${invitation!.id}/reply`;
    const page = async () => (await w.clients.resident.get(`/api/matters/${m.id}`)).json();
    const storedReply = async () =>
      (await w.db.select({ reply: invitations.reply }).from(invitations).where(eq(invitations.id, invitation!.id)))[0]
        ?.reply;

    expect((await page()).capabilities.canReplyToInvitation).toBe(true);
    expect((await w.clients.resident.post(url, { reply: 'yes' })).statusCode).toBe(200);

    await w.db.update(matters).set({ status: 'resolved' }).where(eq(matters.id, m.id));
    expect((await page()).capabilities.canReplyToInvitation).toBe(false);
    expectError(await w.clients.resident.post(url, { reply: 'no' }), 409, {
      code: 'invitation.replies_closed',
      message: '本事项的协商已经结束，不能再答复邀约',
    });
    expect(await storedReply()).toBe('yes');

    await w.db.update(matters).set({ status: 'archived' }).where(eq(matters.id, m.id));
    expect((await page()).capabilities.canReplyToInvitation).toBe(false);
    expectError(await w.clients.resident.post(url, { reply: 'no' }), 409, { code: 'matter.read_only' });
    expect(await storedReply()).toBe('yes');
  });

  it('refuses staff recording an outside party’s late answer the same way', async () => {
    const m = await w.matterAt('implementing');
    const [invitation] = await w.db
      .insert(invitations)
      .values({ matterId: m.id, reason: 'outside', outsideName: '住建局' })
      .returning();
    expectError(await w.clients.convenor.post(`/api/invitations/${invitation!.id}/reply`, { reply: 'yes' }), 409, {
      code: 'invitation.replies_closed',
    });
  });
});
