import { ref } from 'vue';
import { registerSW } from 'virtual:pwa-register';

/** A newer app version is installed and waits: TheUpdatePrompt offers 刷新. */
export const isUpdateWaiting = ref(false);
let update: ((reloadPage?: boolean) => Promise<void>) | undefined;

/** Registers the service worker (src/sw.ts) once, at start-up; a no-op where browsers have none. */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  update = registerSW({
    onNeedRefresh: () => {
      isUpdateWaiting.value = true;
    },
  });
}

/** Lets the waiting version take over and reloads the page on it. */
export async function applyUpdate(): Promise<void> {
  isUpdateWaiting.value = false;
  await update?.(true);
}
