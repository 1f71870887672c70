import type { MatterFormatRow } from './formats.repository';

/** A format as the web sees it. */
export function presentFormat(row: MatterFormatRow) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    inviteeGroups: row.inviteeGroups,
    councilKinds: row.councilKinds,
    meetingMode: row.meetingMode,
    ballotRule: row.ballotRule,
    governances: row.governances,
    isBuiltIn: row.isBuiltIn,
  };
}
