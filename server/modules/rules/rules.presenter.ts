import { currentRulesVersion } from '../../../domain/territory/rules-documents';
import type { RulesDocument } from '../../../contracts/rules';
import type { findRulesDocument, versionsOf } from './rules.repository';

type DocumentRow = NonNullable<Awaited<ReturnType<typeof findRulesDocument>>>;
type VersionRow = Awaited<ReturnType<typeof versionsOf>>[number];

/** A rules document with its versions marked current or upcoming on `today`. */
export function presentRulesDocument(
  doc: DocumentRow,
  versions: VersionRow[],
  today: string,
  standardName: string,
): RulesDocument {
  const current = currentRulesVersion(versions, today);
  return {
    id: doc.id,
    owner: doc.owner,
    ownerName: doc.councilName ?? doc.venueName ?? standardName,
    ownerId: doc.councilId ?? doc.venueId ?? null,
    versions: versions.map((v) => ({
      ...v,
      isCurrent: v.id === current?.id,
      isUpcoming: v.effectiveFrom > today,
    })),
  };
}
