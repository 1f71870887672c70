import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { useSessionStore } from '../../stores/session';
import {
  flushOutbox,
  listOutbox,
  pruneSentItems,
  removeOutboxItem,
  submitOrQueue,
  type NewOutboxItem,
  type OutboxItem,
  type SubmitResult,
} from './outbox';

/** How often a page left open retries while online (the `online` event is not always fired). */
const RETRY_MS = 30_000;

/** 待提交: the signed-in account's outbox, sent on app start, on reconnect and every half minute. */
export const useOutboxStore = defineStore('outbox', () => {
  const session = useSessionStore();
  const items = ref<OutboxItem[]>([]);
  const isOnline = ref(typeof navigator === 'undefined' ? true : navigator.onLine);
  const queuedCount = computed(() => items.value.filter((i) => i.state === 'queued').length);
  const conflictCount = computed(() => items.value.filter((i) => i.state === 'conflict').length);
  let hasStarted = false;

  async function refresh(): Promise<void> {
    const accountId = session.account?.id;
    items.value = accountId === undefined ? [] : await listOutbox(accountId);
  }

  async function flush(): Promise<void> {
    const accountId = session.account?.id;
    if (accountId === undefined || !navigator.onLine) return refresh();
    await flushOutbox(accountId);
    await refresh();
  }

  /** A form's write: sent now, or kept here when there is no network. */
  async function submit<T>(input: Omit<NewOutboxItem, 'accountId'>): Promise<SubmitResult<T>> {
    const accountId = session.account?.id;
    if (accountId === undefined) throw new Error('outbox: no account');
    try {
      return await submitOrQueue<T>({ ...input, accountId });
    } finally {
      await refresh();
    }
  }

  async function discard(id: string): Promise<void> {
    await removeOutboxItem(id);
    await refresh();
  }

  /** Starts the listeners once per page; sends whatever an earlier visit left. */
  function start(): void {
    if (hasStarted) return;
    hasStarted = true;
    const onConnectivity = () => {
      isOnline.value = navigator.onLine;
      if (navigator.onLine) void flush();
    };
    window.addEventListener('online', onConnectivity);
    window.addEventListener('offline', onConnectivity);
    setInterval(() => void (navigator.onLine && queuedCount.value > 0 && flush()), RETRY_MS);
    watch(
      () => session.account?.id,
      () => void pruneSentItems().then(flush),
      { immediate: true },
    );
  }

  return { items, isOnline, queuedCount, conflictCount, refresh, flush, submit, discard, start };
});
