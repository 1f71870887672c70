/**
 * 议事制度: rules documents, versioned with effective dates. A document belongs to the county standard
 * (《城乡社区议事协商规范》, city-wide), a council, or a venue.
 */

/** Whose rules a document is. */
export const rulesDocumentOwners = ['standard', 'council', 'venue'] as const;
export type RulesDocumentOwner = (typeof rulesDocumentOwners)[number];

/** A version as far as choosing the current one goes. */
export type RulesVersionDates = { id: number; effectiveFrom: string };

/**
 * The current version on `today` (YYYY-MM-DD): the latest already effective, the later-added one on a
 * tie; undefined when none is effective yet. Older versions stay readable, later ones are upcoming.
 */
export function currentRulesVersion<V extends RulesVersionDates>(versions: readonly V[], today: string): V | undefined {
  let current: V | undefined;
  for (const v of versions) {
    if (v.effectiveFrom > today) continue;
    if (
      !current ||
      v.effectiveFrom > current.effectiveFrom ||
      (v.effectiveFrom === current.effectiveFrom && v.id > current.id)
    )
      current = v;
  }
  return current;
}
