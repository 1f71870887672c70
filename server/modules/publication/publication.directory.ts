import { MIN_NAME_LENGTH, substringsOfLengths } from '../../../domain/publication/name-matcher';
import { NameDirectory } from '../../../domain/publication/public-text';
import type { DbOrTx } from '../../db/client';
import { nameLengths, namesAmong } from './publication.repository';

/**
 * The names the city knows that occur in these texts, as the directory the redactor matches them
 * with. Looked up in the database each time: the lengths names have (a few index probes), then every
 * substring of those lengths (a probe each). No process keeps the city's names, nothing goes stale
 * when one changes, and the cost follows the texts' length, not the city's size.
 */
export async function namesIn(db: DbOrTx, texts: readonly string[]): Promise<NameDirectory> {
  const wanted = [...new Set(texts)].filter((t) => t.length >= MIN_NAME_LENGTH);
  if (wanted.length === 0) return new NameDirectory();
  const lengths = await nameLengths(db, MIN_NAME_LENGTH);
  const entries = await namesAmong(db, {
    resident: substringsOfLengths(wanted, lengths.resident),
    account: substringsOfLengths(wanted, lengths.account),
    outside: substringsOfLengths(wanted, lengths.outside),
  });
  return new NameDirectory(entries);
}
