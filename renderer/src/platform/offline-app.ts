/**
 * In a plain browser, a service worker keeps the app's own files so that it opens offline.
 * The desktop app loads from app:// inside the installed application and needs none of this.
 *
 * The page itself puts its files into the cache the worker answers from (CacheStorage is
 * shared): no message round trip that a navigation or a slow worker start could lose.
 */

/** Also named in public/sw.js. */
const APP_CACHE = 'kindred-app-v1';

export function keepAppAvailableOffline(): void {
  if (window.kindred || !('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  void navigator.serviceWorker
    .register('./sw.js')
    .then(() => navigator.serviceWorker.ready)
    .then(async () => {
      const urls = [
        new URL('./', window.location.href).href,
        ...performance
          .getEntriesByType('resource')
          .map((entry) => entry.name)
          .filter((url) => new URL(url).origin === window.location.origin),
      ];
      const cache = await caches.open(APP_CACHE);
      await cache.addAll([...new Set(urls)]);
      // Lets people (and tests) know the app will now open without a network.
      document.documentElement.dataset.offlineReady = 'true';
    })
    // Without it the app still works online; the reason is worth a line in the console.
    .catch((error: unknown) =>
      console.warn('Kindred could not keep itself for offline use', error),
    );
}
