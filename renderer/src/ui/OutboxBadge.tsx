import type { OutboxItem } from '../db/outbox-schema';
import type { Connection } from '../sync/sync-engine';

export type DeliveryLabel =
  | 'Saved on this device'
  | 'Waiting to send'
  | 'Sending…'
  | 'Awaiting review'
  | 'Published'
  | 'Not sent';

/** The state of one of the user's own posts, in the words the user sees. */
export function deliveryLabel(
  item: OutboxItem,
  connection: Connection,
  pendingReview: boolean,
): DeliveryLabel {
  switch (item.state) {
    case 'queued':
      return connection === 'online' ? 'Waiting to send' : 'Saved on this device';
    case 'sending':
      return 'Sending…';
    case 'sent':
      return pendingReview ? 'Awaiting review' : 'Published';
    case 'refused':
      return 'Not sent';
  }
}

export function OutboxBadge({ label }: { label: DeliveryLabel }) {
  const tone =
    label === 'Published'
      ? 'ok'
      : label === 'Not sent'
        ? 'bad'
        : label === 'Awaiting review'
          ? 'review'
          : 'wait';
  return (
    <span className={`delivery ${tone}`} data-testid="delivery">
      {label}
    </span>
  );
}
