import type { NewTalentSelection } from '../../contracts/talents';
import type { Db } from '../db/client';
import type { ProjectStatus } from '../../domain/projects';
import {
  organisationAgents,
  organisations,
  projectCalls,
  projects,
  trainingProgrammes,
  trainingSessions,
  trainingSignIns,
} from '../db/schema';

/** A 2026 selection of the city: quota 2, 12 h trained and one matter convened, notice 5 days. */
export const talentSelectionBody = (cityId: number, over: Partial<NewTalentSelection> = {}): NewTalentSelection => ({
  placeId: cityId,
  year: 2026,
  title: '2026年度社区工作领军人才遴选',
  quota: 2,
  minTrainedHours: 12,
  minMattersConvened: 1,
  minProjectsRun: 0,
  criteria: [
    { key: 'work', label: '工作实绩', weight: 60 },
    { key: 'influence', label: '群众认可', weight: 40 },
  ],
  nominationsCloseOn: '2026-09-30',
  noticeDays: 5,
  ...over,
});

/** A closed training programme of the city whose `minutes` each attendee signed in to, in 3 h sessions. */
export async function trainPeople(
  db: Db,
  city: { id: number; path: string },
  createdBy: number,
  attendees: readonly number[],
  minutes: number,
) {
  const [programme] = await db
    .insert(trainingProgrammes)
    .values({
      placeId: city.id,
      placePath: city.path,
      year: 2026,
      title: '社区治理微领袖培训班',
      requiredMinutes: minutes,
      passScore: 60,
      status: 'closed',
      createdBy,
    })
    .returning();
  for (let done = 0, i = 0; done < minutes; done += 180, i++) {
    const [session] = await db
      .insert(trainingSessions)
      .values({
        programmeId: programme!.id,
        course: `第${i + 1}讲`,
        startsAt: new Date(Date.UTC(2026, 4, 1 + i)),
        minutes: Math.min(180, minutes - done),
        signInCode: String(1000 + i),
      })
      .returning();
    for (const accountId of attendees)
      await db.insert(trainingSignIns).values({ sessionId: session!.id, accountId, method: 'staff' });
  }
  return programme!;
}

/** A social organisation of the city with `agentAccountId` as its agent, and one project per status under a call. */
export async function runProjects(
  db: Db,
  city: { id: number; path: string },
  opts: { agentAccountId: number; createdBy: number; statuses: readonly ProjectStatus[] },
) {
  const [organisation] = await db
    .insert(organisations)
    .values({ placeId: city.id, placePath: city.path, name: '桐安市社区发展服务中心', kind: 'social_organisation' })
    .returning();
  await db.insert(organisationAgents).values({ organisationId: organisation!.id, accountId: opts.agentAccountId });
  const [call] = await db
    .insert(projectCalls)
    .values({
      placeId: city.id,
      placePath: city.path,
      year: 2026,
      title: '2026年微治理项目征集',
      budgetFen: 100_000_00,
      maxPerProjectFen: 10_000_00,
      criteria: [],
      opensOn: '2026-03-01',
      closesOn: '2026-04-30',
      createdBy: opts.createdBy,
    })
    .returning();
  for (const [i, status] of opts.statuses.entries())
    await db.insert(projects).values({
      callId: call!.id,
      organisationId: organisation!.id,
      placePath: city.path,
      title: `项目${i + 1}`,
      status,
      createdBy: opts.createdBy,
    });
}
