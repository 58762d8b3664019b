/*
 * Service worker of the web build (the desktop app loads from app:// and does not use it):
 * keeps the app itself — its HTML, scripts and styles — on the device, so that Kindred opens
 * with no network at all, like the desktop app does. Data lives in IndexedDB, not here; API
 * requests (to the sync server, another origin) are never touched.
 */
const CACHE = 'kindred-app-v1'; // also named in src/platform/offline-app.ts

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

// The page puts its own files into CACHE (see src/platform/offline-app.ts); we answer from it.

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  // Network first, so a new version is picked up at once; the copy when there is no network.
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          void caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() =>
        caches
          .match(request, { ignoreSearch: true, ignoreVary: true })
          .then(
            (hit) =>
              hit ||
              (request.mode === 'navigate' ? caches.match('./', { ignoreVary: true }) : undefined),
          )
          .then((hit) => hit || Response.error()),
      ),
  );
});
