import Module, { createRequire } from 'node:module';

/*
 * ExcelJS 4.4's streaming reader decodes each inflated chunk of XML on its own (`TextDecoder.decode`
 * without `stream`), so a Chinese character split between two chunks turns into "���" (家庭成员 →
 * 家庭成���): a large file then fails validation at random rows. This puts a corrected `parse-sax`
 * (the same code, with a streaming decoder) in the require cache before ExcelJS loads it. It must run
 * before anything in the thread loads exceljs: roster.files.ts imports it first, and the roster
 * worker's boot file loads it before the worker. Roster imports themselves no longer go through
 * ExcelJS's reader (roster.xlsx.ts scans the sheet itself); the fix stays for ExcelJS's own reads
 * (`Workbook.xlsx.load`, which tests use on exports and templates).
 */

const require = createRequire(import.meta.url);
const parseSaxFile = require.resolve('exceljs/lib/utils/parse-sax.js');
const fromExceljs = createRequire(parseSaxFile);
const { SaxesParser } = fromExceljs('saxes') as typeof import('saxes');
const { PassThrough } = fromExceljs('readable-stream') as typeof import('node:stream');

type SaxEvent = { eventType: 'opentag' | 'text' | 'closetag'; value: unknown };
type Chunks = {
  [Symbol.asyncIterator]?: () => AsyncIterator<Buffer | string>;
  pipe?: (to: NodeJS.WritableStream) => AsyncIterable<Buffer>;
};

async function* parseSax(input: Chunks): AsyncGenerator<SaxEvent[]> {
  // As ExcelJS does: an old-style stream without async iteration goes through a PassThrough.
  const iterable = (
    input.pipe && !input[Symbol.asyncIterator] ? input.pipe(new PassThrough()) : input
  ) as AsyncIterable<Buffer | string>;
  const parser = new SaxesParser();
  let error: Error | undefined;
  let events: SaxEvent[] = [];
  parser.on('error', (e) => (error = e));
  parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
  parser.on('text', (value) => events.push({ eventType: 'text', value }));
  parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of iterable) {
    // `stream: true` keeps the bytes of a character cut at the chunk's end for the next chunk.
    parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (error) throw error;
    yield events;
    events = [];
  }
  const rest = decoder.decode();
  if (rest) parser.write(rest);
  if (error) throw error;
  if (events.length > 0) yield events;
}

if (!require.cache[parseSaxFile]) {
  const fixed = new Module(parseSaxFile);
  fixed.filename = parseSaxFile;
  fixed.loaded = true;
  fixed.exports = parseSax;
  require.cache[parseSaxFile] = fixed;
}

/** False when exceljs loaded its own parse-sax first in this thread (an import-order mistake). */
export function isExcelStreamFixed(): boolean {
  return require.cache[parseSaxFile]?.exports === parseSax;
}
