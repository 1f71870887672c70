import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { OutboxItem } from './outbox-item';

/** What the phone keeps between visits: the writes waiting for a network, and typed drafts. */
interface YishiOfflineDb extends DBSchema {
  outbox: { key: string; value: OutboxItem; indexes: { createdAt: string } };
  drafts: { key: string; value: { key: string; accountId: number; fields: Record<string, string>; savedAt: string } };
}

export type OfflineDb = IDBPDatabase<YishiOfflineDb>;
export type Draft = YishiOfflineDb['drafts']['value'];

let opening: Promise<OfflineDb> | undefined;

/** The one IndexedDB database (`yishi-offline`), opened once per page. */
export function offlineDb(): Promise<OfflineDb> {
  opening ??= openDB<YishiOfflineDb>('yishi-offline', 1, {
    upgrade(db) {
      db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
      db.createObjectStore('drafts', { keyPath: 'key' });
    },
  });
  return opening;
}

/** Forgets the opened handle (tests delete the database between cases). */
export function closeOfflineDb(): void {
  void opening?.then((db) => db.close());
  opening = undefined;
}
