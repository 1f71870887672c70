import { api } from '../../api/client';
import type { GovernancesReply } from '../../../../contracts/matters';

export {
  governances,
  governanceGroups,
  suggestGovernances,
  normaliseGovernances,
  type Governance,
  type GovernanceGroup,
} from '../../../../domain/governance/governances';

export const governanceApi = {
  /** 四治: replaces a matter's governances (staff who manage it). */
  tagMatter: (matterId: number, tags: readonly string[]) =>
    api.put<GovernancesReply>(`/matters/${matterId}/governances`, { governances: tags }),
};
