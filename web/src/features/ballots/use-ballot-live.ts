import { onBeforeUnmount, watch, type WatchSource } from 'vue';
import { ballotsApi, type Turnout } from './ballots.api';

/**
 * Follows one ballot's server-sent events: `turnout` (counts only, never choices) as people vote,
 * `counting` when online voting ends and papers are still counted, and `closed` when it closes.
 * Reconnects are EventSource's own.
 */
export function useBallotLive(
  ballotId: WatchSource<number>,
  handlers: { turnout: (turnout: Turnout) => void; closed: () => void; counting?: () => void },
): void {
  let source: EventSource | null = null;
  const close = () => {
    source?.close();
    source = null;
  };
  watch(
    ballotId,
    (id) => {
      close();
      if (!id || typeof EventSource === 'undefined') return;
      source = new EventSource(ballotsApi.eventsUrl(id));
      source.addEventListener('turnout', (event) => {
        try {
          handlers.turnout(JSON.parse((event as MessageEvent<string>).data) as Turnout);
        } catch {
          // A malformed event is skipped; the next one carries the full counts again.
        }
      });
      source.addEventListener('closed', () => handlers.closed());
      source.addEventListener('counting', () => (handlers.counting ?? handlers.closed)());
    },
    { immediate: true },
  );
  onBeforeUnmount(close);
}
