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
      // One by one: a file the page asked for that the server does not have (a browser's own
      // /favicon.ico request, say) must not stop the others from being kept, as addAll would.
      const kept = await Promise.allSettled([...new Set(urls)].map((url) => cache.add(url)));
      const missing = [...new Set(urls)].filter((_, i) => kept[i]!.status === 'rejected');
      // The app opens offline when its page, scripts and styles are kept; anything else is extra.
      const essentialMissing = missing.filter((url) => isEssential(url));
      if (essentialMissing.length > 0) throw new Error(`not kept: ${essentialMissing.join(', ')}`);
      // Lets people (and tests) know the app will now open without a network.
      document.documentElement.dataset.offlineReady = 'true';
    })
    // Without it the app still works online; the reason is worth a line in the console.
    .catch((error: unknown) =>
      console.warn('Kindred could not keep itself for offline use', error),
    );
}

function isEssential(url: string): boolean {
  const { pathname } = new URL(url);
  return pathname.endsWith('/') || /\.(js|css|html)$/.test(pathname);
}
