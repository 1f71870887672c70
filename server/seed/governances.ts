import { suggestGovernances, type Governance } from '../../domain/governance/governances';
import type { MatterCategory } from '../../domain/matters/taxonomy';
import type { Outcome } from './matters-drive';

/**
 * 四治 of a demo matter, tagged by the accept command as a convenor would: the picker's suggestion from
 * the category and the format. Matters that stop at 'accepted' are left untagged, so the dashboard's
 * untagged group and the matter page's "tag later" both have something to show.
 */
export function demoGovernances(
  outcome: Outcome,
  category: MatterCategory,
  formatGovernances: readonly Governance[],
): Governance[] {
  return outcome === 'accepted' ? [] : suggestGovernances(category, formatGovernances);
}
