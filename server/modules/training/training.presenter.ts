import { can, type Actor } from '../../../domain/access';
import { maskPhone } from '../../../domain/people/phone';
import { completionProblem, participantLifecycle, type ParticipantStatus } from '../../../domain/training';
import type { ProgrammeSummary, ProgrammeView } from '../../../contracts/training';
import { canEnrolSelf } from './participants.service';
import type { readProgramme } from './training.service';
import type { ProgrammeRow } from './training.repository';

const asParticipantStatus = (s: string | null): ParticipantStatus | null =>
  participantLifecycle.isState(s) ? s : null;

/** A programme as lists show it. */
export function presentProgrammeSummary(row: ProgrammeRow): ProgrammeSummary {
  return {
    id: row.id,
    placeId: row.placeId,
    placeName: row.placeName,
    year: row.year,
    title: row.title,
    status: row.status,
    requiredMinutes: row.requiredMinutes,
    passScore: row.passScore,
    makesMicroLeaders: row.makesMicroLeaders,
    sessionCount: row.sessionCount,
    participantCount: row.participantCount,
    myStatus: asParticipantStatus(row.myStatus),
  };
}

/**
 * A programme's page: sign-in codes and everyone enrolled for those who run it only; phones masked
 * unless the reader is staff of the participant's community.
 */
export function presentProgramme(actor: Actor, read: Awaited<ReturnType<typeof readProgramme>>): ProgrammeView {
  const { programme, manages, sessions, mine, participants } = read;
  return {
    ...presentProgrammeSummary(programme),
    description: programme.description,
    sessions: sessions.map((s) => ({
      ...s,
      startsAt: s.startsAt.toISOString(),
      signInCode: manages ? s.signInCode : null,
    })),
    me: mine ? { participantId: mine.id, attendedMinutes: mine.attendedMinutes, score: mine.score } : null,
    participants: participants.map((p) => ({
      id: p.id,
      accountId: p.accountId,
      name: p.name,
      phone: can(actor, 'resident.viewPhone', { type: 'resident', path: p.placePath, residentId: 0 })
        ? p.phone
        : maskPhone(p.phone),
      communityName: p.communityName,
      status: p.status,
      score: p.score,
      attendedMinutes: p.attendedMinutes,
      completedOn: p.completedOn,
      sessionIds: p.sessionIds,
      problem: participantLifecycle.is.completed(p.status)
        ? null
        : (completionProblem(programme, { attendedMinutes: p.attendedMinutes, score: p.score }) ?? null),
    })),
    canEnrol: canEnrolSelf(actor, programme),
    abilities: { 'training.manage': manages },
  };
}
