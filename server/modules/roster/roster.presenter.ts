import type { RosterProblem, RosterProblemCode, RosterWarning, RosterWarningCode } from '../../../domain/roster';
import { translate, type Locale, type MessageCode } from '../../i18n/messages';
import type { ImportReply } from '../../../contracts/roster';
import type { ImportOutcome } from './roster.service';

// Every domain problem code must have server text: this line stops compiling when one is missing.
const asMessageCode = (code: RosterProblemCode | RosterWarningCode): MessageCode => code;

/** A reply stays readable however broken the file: the first problems are listed, the counts are exact. */
export const MAX_REPORTED_PROBLEMS = 1000;

/** The import report with each problem's and warning's message in the request's language. */
export function presentImport(outcome: ImportOutcome, locale: Locale): ImportReply {
  const note = (p: RosterProblem | RosterWarning) => ({
    row: p.row,
    column: p.column,
    value: p.value,
    code: p.code,
    message: translate(locale, asMessageCode(p.code), p.params),
  });
  return {
    kind: outcome.kind,
    fileName: outcome.fileName,
    rowCount: outcome.rowCount,
    validCount: outcome.validCount,
    problems: outcome.problems.slice(0, MAX_REPORTED_PROBLEMS).map(note),
    warnings: outcome.warnings.slice(0, MAX_REPORTED_PROBLEMS).map(note),
    committed: outcome.committed,
    summary: outcome.summary,
    // The route names the kept preview, if any.
    previewId: null,
  };
}
