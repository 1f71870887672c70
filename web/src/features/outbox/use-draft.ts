import { onMounted, watch, type Ref } from 'vue';
import { useSessionStore } from '../../stores/session';
import { offlineDb } from './outbox-db';

const SAVE_DELAY_MS = 400;

/**
 * Keeps a form's typed text on the phone (IndexedDB, per account and `key`) so a reload or a lost
 * tab does not lose it: restored on mount when the fields are still empty, saved as the worker
 * types, and cleared by `clear()` once the form is sent or queued.
 */
export function useDraft(key: string, fields: Record<string, Ref<string>>) {
  const session = useSessionStore();
  const draftKey = () => `${session.account?.id ?? 0}:${key}`;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let isRestoring = true;

  async function save(): Promise<void> {
    const accountId = session.account?.id;
    if (accountId === undefined) return;
    const values = Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, field.value]));
    const db = await offlineDb();
    if (Object.values(values).every((v) => !v.trim())) await db.delete('drafts', draftKey());
    else await db.put('drafts', { key: draftKey(), accountId, fields: values, savedAt: new Date().toISOString() });
  }

  onMounted(async () => {
    try {
      const kept = await (await offlineDb()).get('drafts', draftKey());
      for (const [name, field] of Object.entries(fields)) {
        const value = kept?.fields[name];
        if (value && !field.value) field.value = value;
      }
    } finally {
      isRestoring = false;
    }
  });

  watch(Object.values(fields), () => {
    if (isRestoring) return;
    clearTimeout(timer);
    timer = setTimeout(() => void save(), SAVE_DELAY_MS);
  });

  return {
    /** Forgets the draft (the text was sent or queued). */
    async clear(): Promise<void> {
      clearTimeout(timer);
      await (await offlineDb()).delete('drafts', draftKey());
    },
  };
}
