import { formatBytes, persistenceText, useStorageHealth } from './useStorageHealth';

/**
 * What Kindred keeps on this device and whether the browser may clear it: drafts and posts not
 * yet sent exist nowhere else, so the user should know when they are at the browser's mercy.
 */
export function DeviceStorage() {
  const storage = useStorageHealth();
  const persistence = persistenceText(storage.persisted);
  return (
    <section aria-labelledby="device-storage-title">
      <h2 id="device-storage-title">On this device</h2>
      {storage.usageBytes !== null && (
        <p className={storage.nearlyFull ? 'error' : 'muted'}>
          Kindred's data takes {formatBytes(storage.usageBytes)}
          {storage.nearlyFull &&
            ': space is nearly full. Free some disk space so nothing fails to save.'}
        </p>
      )}
      {persistence && (
        <p className={storage.persisted ? 'muted' : undefined} data-testid="storage-persistence">
          {persistence}
        </p>
      )}
    </section>
  );
}
