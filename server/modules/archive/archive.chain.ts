import { verifyChain as verifyEntries, type ChainEntry } from '../../../domain/matters/audit-chain';
import { readMatterChain, sha256, type MatterRow } from '../matters';

/** The domain's chain check with the server's SHA-256. */
export const verifyChain = (entries: readonly ChainEntry[]) => verifyEntries(sha256, entries);
export { readMatterChain, type MatterRow };
