/// <reference lib="webworker" />
/**
 * The service worker (built by vite-plugin-pwa, injectManifest): the app shell precached, pages
 * answered from it offline, and the grid worker's reads (work lists, matters, ballots, meetings)
 * network first with the last good copy as the fallback. Sessions, logins, files and exports are
 * never cached; a reply marked no-store is not kept.
 */
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { clientsClaim } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';
import { API_CACHE, isOfflineRead } from './offline-reads';

declare let self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// The first install takes the open page at once, so its reads are kept from the first visit on.
clientsClaim();

registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//, /^\/metrics$/] }));

registerRoute(
  ({ url, request }) =>
    request.method === 'GET' &&
    url.origin === self.location.origin &&
    request.headers.get('accept') !== 'text/event-stream' &&
    isOfflineRead(url.pathname),
  new NetworkFirst({
    cacheName: API_CACHE,
    networkTimeoutSeconds: 6,
    plugins: [
      new CacheableResponsePlugin({ statuses: [200] }),
      {
        // Respect the server: what it marks no-store stays off the disk (private allows this, the
        // user's own cache; it forbids only shared ones).
        cacheWillUpdate: async ({ response }) =>
          /no-store/i.test(response.headers.get('cache-control') ?? '') ? null : response,
      },
      new ExpirationPlugin({ maxEntries: 400, maxAgeSeconds: 7 * 24 * 3600 }),
    ],
  }),
);

// The page's update prompt (新版本可用，刷新) asks the waiting worker to take over.
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// Web Push (server/modules/webpush): the push and notification-click handlers live in web/public/sw-push.js,
// which also runs alone where this worker is not registered; here it joins the app's worker.
importScripts('/sw-push.js');
