import type { CouncilRow } from './councils.repository';
import type { CouncilView } from '../../../contracts/councils';

/** A council as the web shows it; `isCurrent` when `today` lies inside its term. */
export function presentCouncil(row: CouncilRow, today: string): CouncilView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    termStart: row.termStart,
    termEnd: row.termEnd,
    memberCount: row.memberCount,
    isCurrent: row.termStart <= today && today <= row.termEnd,
    placeId: row.placeId,
    placeName: row.placeName,
  };
}
