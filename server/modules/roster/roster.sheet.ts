import type { Cell } from '../../../domain/roster/cells';

/** One line of a sheet: its spreadsheet row number (header = 1) and its cells by column. */
export type SheetLine = { row: number; cells: Cell[] };
/** A sheet as read from a file: the header row and the data rows with their spreadsheet row numbers. */
export type SheetData = { headerCells: Cell[]; rows: SheetLine[] };
/** A sheet read as a stream: the header first, then the data rows one at a time. */
export type SheetStream = { headerCells: Cell[]; rows: AsyncIterable<SheetLine> };

/** What one import file may hold (config.roster): rows, and the bytes an .xlsx unpacks to. */
export type ReadCaps = { maxRows: number; maxUnzippedBytes: number };
/** An uploaded file: on disk (the import route streams uploads there) or in memory. */
export type SheetSource = { filePath: string } | { buffer: Buffer };
