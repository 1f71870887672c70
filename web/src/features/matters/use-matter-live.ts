import { onBeforeUnmount, watch, type WatchSource } from 'vue';
import { mattersApi } from './matters.api';

/**
 * Listens to one matter's server-sent events and calls `onChange` on each `matter` event, so an open
 * page follows changes made by anyone, through any app process. Reconnects are EventSource's own.
 */
export function useMatterLive(matterId: WatchSource<number>, onChange: () => void): void {
  let source: EventSource | null = null;
  const close = () => {
    source?.close();
    source = null;
  };
  watch(
    matterId,
    (id) => {
      close();
      if (!id || typeof EventSource === 'undefined') return;
      source = new EventSource(mattersApi.eventsUrl(id));
      source.addEventListener('matter', onChange);
    },
    { immediate: true },
  );
  onBeforeUnmount(close);
}
