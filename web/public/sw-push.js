/* global self, URL */
/*
 * Yishi's push handler: shows a pushed notification and opens its page when tapped. The payload is
 * { kind, title, body, url } (server/modules/webpush). A full app service worker can pull this in with
 * importScripts('/sw-push.js') instead of being registered beside it.
 */
self.addEventListener('push', (event) => {
  let message = { title: '议事', body: '', url: '/' };
  try {
    message = { ...message, ...event.data.json() };
  } catch {
    // A push without a JSON payload still tells the resident something arrived.
  }
  event.waitUntil(
    self.registration.showNotification(message.title, {
      body: message.body,
      data: { url: message.url },
      tag: message.kind,
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url ?? '/', self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => w.url === url);
      return open ? open.focus() : self.clients.openWindow(url);
    }),
  );
});
