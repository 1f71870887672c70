import { toRowInputs, type HeaderMap, type RowInput } from '../../../domain/roster';
import type { SheetLine, SheetStream } from './roster.sheet';

/** The sheet's rows keyed by column, blank rows dropped, `size` at a time. */
export async function* chunksOf(headers: HeaderMap, sheet: SheetStream, size: number): AsyncGenerator<RowInput[]> {
  let lines: SheetLine[] = [];
  for await (const line of sheet.rows) {
    lines.push(line);
    if (lines.length >= size) {
      const inputs = toRowInputs(headers, lines);
      lines = [];
      if (inputs.length > 0) yield inputs;
    }
  }
  const inputs = toRowInputs(headers, lines);
  if (inputs.length > 0) yield inputs;
}

/**
 * Asks for the next chunk before handing out the current one: the file's next rows are parsed (CPU in
 * this thread) while the current chunk waits on the database.
 */
export async function* readAhead<T>(source: AsyncGenerator<T>): AsyncGenerator<T> {
  let next = source.next();
  try {
    for (;;) {
      const current = await next;
      if (current.done) return;
      next = source.next();
      // A failure of the chunk read ahead surfaces when it is awaited, not as an unhandled rejection.
      next.catch(() => undefined);
      yield current.value;
    }
  } finally {
    await source.return(undefined);
  }
}
