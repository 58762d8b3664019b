/**
 * In a plain browser, a service worker keeps the app's own files so that it opens offline.
 * The desktop app loads from app:// inside the installed application and needs none of this.
 */
export function keepAppAvailableOffline(): void {
  if (window.kindred || !('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent<{ type?: string }>) => {
    // Lets people (and tests) know the app will now open without a network.
    if (event.data?.type === 'app-cached') document.documentElement.dataset.offlineReady = 'true';
  });
  void navigator.serviceWorker
    .register('./sw.js')
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      const urls = [
        new URL('./', window.location.href).href,
        ...performance
          .getEntriesByType('resource')
          .map((entry) => entry.name)
          .filter((url) => new URL(url).origin === window.location.origin),
      ];
      registration.active?.postMessage({ type: 'cache-app', urls });
    })
    .catch(() => undefined); // without it the app still works online
}
