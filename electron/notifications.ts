import type { Notification, NotificationConstructorOptions } from 'electron';
import { notificationText, type NotifyRequest } from '../shared/bridge';

export type NotificationClass = {
  new (options: NotificationConstructorOptions): Pick<Notification, 'on' | 'show' | 'close'>;
  isSupported(): boolean;
};

/** The options of a notification: the shell's own words only, never text from the renderer. */
export function notificationOptions(request: NotifyRequest): NotificationConstructorOptions {
  const { title, body } = notificationText(request);
  return { title, body, silent: false };
}

/** At most this many notifications are kept alive waiting for a click. */
const MAX_PENDING = 20;

/**
 * Shows native notifications. Each one is referenced until it is clicked or closed: Electron
 * drops the click handler of a notification object that has been garbage-collected.
 */
export function createNotifier(
  NotificationCtor: NotificationClass,
  onClick: (request: NotifyRequest) => void,
) {
  const pending = new Set<Pick<Notification, 'on' | 'show' | 'close'>>();
  return {
    notify(request: NotifyRequest): boolean {
      if (!NotificationCtor.isSupported()) return false;
      const notification = new NotificationCtor(notificationOptions(request));
      pending.add(notification);
      for (const old of pending) {
        if (pending.size <= MAX_PENDING) break;
        pending.delete(old);
      }
      notification.on('click', () => {
        pending.delete(notification);
        onClick(request);
      });
      notification.on('close', () => pending.delete(notification));
      notification.show();
      return true;
    },
    pendingCount: () => pending.size,
  };
}

export type Notifier = ReturnType<typeof createNotifier>;
