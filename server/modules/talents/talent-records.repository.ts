import { and, eq, sql } from 'drizzle-orm';
import {
  activeMicroLeaderStatus,
  convenedMatterStatuses,
  runProjectStatuses,
  type TalentRecord,
} from '../../../domain/talents';
import { participantLifecycle } from '../../../domain/training';
import type { DbOrTx } from '../../db/client';
import { inStates, isState } from '../../db/lifecycle-sql';
import {
  accounts,
  matters,
  microLeaders,
  organisationAgents,
  projects,
  residents,
  roleGrants,
  places,
  trainingParticipants,
  trainingSessions,
  trainingSignIns,
} from '../../db/schema';

/**
 * A person's record, read live in one statement: trained minutes (sessions signed in to), programmes
 * completed, matters convened that reached deliberation, contracted projects of the organisations
 * they are an agent of, and whether they are an active micro-leader.
 */
export async function recordOf(db: DbOrTx, accountId: number): Promise<TalentRecord> {
  const { rows } = await db.execute<{
    trained_minutes: number;
    programmes_completed: number;
    matters_convened: number;
    projects_run: number;
    is_micro_leader: boolean;
  }>(sql`
    select
      (select coalesce(sum(${trainingSessions.minutes}), 0)::int from ${trainingSignIns}
         join ${trainingSessions} on ${trainingSessions.id} = ${trainingSignIns.sessionId}
         where ${trainingSignIns.accountId} = ${accountId}) as trained_minutes,
      (select count(*)::int from ${trainingParticipants}
         where ${trainingParticipants.accountId} = ${accountId}
           and ${isState(trainingParticipants.status, participantLifecycle.state.completed)}) as programmes_completed,
      (select count(*)::int from ${matters}
         where ${matters.convenorAccountId} = ${accountId}
           and ${inStates(matters.status, convenedMatterStatuses)}) as matters_convened,
      (select count(distinct ${projects.id})::int from ${projects}
         join ${organisationAgents} on ${organisationAgents.organisationId} = ${projects.organisationId}
         where ${organisationAgents.accountId} = ${accountId}
           and ${inStates(projects.status, runProjectStatuses)}) as projects_run,
      exists (select 1 from ${microLeaders}
         where ${microLeaders.accountId} = ${accountId}
           and ${isState(microLeaders.status, activeMicroLeaderStatus)}) as is_micro_leader
  `);
  const row = rows[0];
  return {
    trainedMinutes: row?.trained_minutes ?? 0,
    programmesCompleted: row?.programmes_completed ?? 0,
    mattersConvened: row?.matters_convened ?? 0,
    projectsRun: row?.projects_run ?? 0,
    isMicroLeader: row?.is_micro_leader ?? false,
  };
}

/**
 * A person by account id or phone, with the path of where they live (their resident record's place)
 * or, for staff without one, the places of their grants (the service picks the community).
 */
export async function personBy(db: DbOrTx, by: { accountId: number } | { phone: string }) {
  const [person] = await db
    .select({ accountId: accounts.id, name: accounts.displayName, homePath: residents.placePath })
    .from(accounts)
    .leftJoin(residents, eq(residents.id, accounts.residentId))
    .where(
      and(
        'accountId' in by ? eq(accounts.id, by.accountId) : eq(accounts.phone, by.phone),
        eq(accounts.isActive, true),
      ),
    );
  if (!person) return undefined;
  const grants = await db
    .select({ path: places.path })
    .from(roleGrants)
    .innerJoin(places, eq(places.id, roleGrants.placeId))
    .where(eq(roleGrants.accountId, person.accountId));
  return { ...person, grantPaths: grants.map((g) => g.path) };
}
