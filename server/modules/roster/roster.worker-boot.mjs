// Entry of a roster worker thread. Node cannot load TypeScript itself and a worker does not inherit the
// main thread's tsx hooks, so the worker registers tsx and then loads the TypeScript entry.
import { URL } from 'node:url';
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
// Before anything loads exceljs in this thread (see roster.exceljs-utf8.ts).
await import(new URL('./roster.exceljs-utf8.ts', import.meta.url).href);
await import(workerData.entry);
