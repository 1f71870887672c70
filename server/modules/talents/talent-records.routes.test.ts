import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afterDeliberationWorld, type AfterDeliberationWorld } from '../../test/after-deliberation.fixtures';
import { buildStaff } from '../../test/factories';
import { runProjects, talentSelectionBody, trainPeople } from '../../test/talents.fixtures';
import { microLeaders, trainingParticipants } from '../../db/schema';

describe('a nominee’s record: training, projects run and micro-leadership, live until the eligibility decision', () => {
  let w: AfterDeliberationWorld;
  let nominationId: number;
  let programmeId: number;

  beforeAll(async () => {
    w = await afterDeliberationWorld();
    w.t.clock.set('2026-06-01T02:00:00Z');
    const city = await w.t.loginByCode(
      (await buildStaff(w.db, { role: 'city_officer', placeId: w.territory.city.id })).phone,
    );
    const selection = await city.post(
      '/api/talent-selections',
      talentSelectionBody(w.territory.city.id, { minMattersConvened: 0, minProjectsRun: 2 }),
    );
    await city.post(`/api/talent-selections/${selection.json().id}/open`);
    // 张阿姨 is the agent of a social organisation: two contracted-or-later projects count, the others do not.
    await runProjects(w.db, w.territory.city, {
      agentAccountId: w.residentAccountId,
      createdBy: w.staff.convenor.id,
      statuses: ['submitted', 'declined', 'approved', 'contracted', 'closed'],
    });
    programmeId = (await trainPeople(w.db, w.territory.city, w.staff.convenor.id, [w.residentAccountId], 600)).id;
    const nominated = await w.clients.resident.post(`/api/talent-selections/${selection.json().id}/nominations`, {
      statement: '组织社区营造项目两年。',
    });
    nominationId = nominated.json().id;
  });
  afterAll(() => w.t.close());

  const record = async () => (await w.clients.resident.get(`/api/talent-nominations/${nominationId}`)).json();

  it('counts contracted-or-later projects of the person’s organisations and the minutes signed in to', async () => {
    const view = await record();
    expect(view.record).toEqual({
      trainedMinutes: 600,
      programmesCompleted: 0,
      mattersConvened: 0,
      projectsRun: 2,
      isMicroLeader: false,
    });
    expect(view.isEligible).toBe(false);
    expect(view.isFrozen).toBe(false);
  });

  it('reads the record live while nominated: a completion and a micro-leader row show at once', async () => {
    await w.db.insert(trainingParticipants).values({
      programmeId,
      accountId: w.residentAccountId,
      placePath: w.territory.community.path,
      status: 'completed',
    });
    await w.db.insert(microLeaders).values({
      accountId: w.residentAccountId,
      placePath: w.territory.community.path,
      programmeId,
      since: '2026-05-31',
    });
    expect((await record()).record).toMatchObject({ programmesCompleted: 1, isMicroLeader: true });
    await w.db.update(microLeaders).set({ status: 'withdrawn' }).where(eq(microLeaders.accountId, w.residentAccountId));
    expect((await record()).record.isMicroLeader).toBe(false);
  });
});
