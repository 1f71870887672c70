import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterDeliberationWorld, type AfterDeliberationWorld } from '../../test/after-deliberation.fixtures';

/** The page's abilities are what the web hides and shows buttons by, so each needed one must be there. */
describe('matter page abilities', () => {
  let w: AfterDeliberationWorld;
  beforeAll(async () => {
    w = await afterDeliberationWorld();
  });
  afterAll(async () => w.t.close());

  it('tells an attendee of a resolved matter that they may confirm the resolution, and others not', async () => {
    const m = await w.matterAt('resolved');
    await w.holdMeeting(m.id, [w.residentAccountId]);
    const page = (await w.clients.resident.get(`/api/matters/${m.id}`)).json();
    expect(page.abilities['matter.confirm']).toBe(true);
    expect((await w.clients.neighbour.get(`/api/matters/${m.id}`)).json().abilities['matter.confirm']).toBe(false);
    expect((await w.clients.convenor.get(`/api/matters/${m.id}`)).json().abilities['matter.confirm']).toBe(false);
  });

  it('offers no confirmation before the matter is resolved', async () => {
    const m = await w.matterAt('deliberating');
    await w.holdMeeting(m.id, [w.residentAccountId]);
    expect((await w.clients.resident.get(`/api/matters/${m.id}`)).json().abilities['matter.confirm']).toBe(false);
  });
});
