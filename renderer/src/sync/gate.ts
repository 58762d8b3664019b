/**
 * Holds the replication's requests while the server cannot be reached.
 *
 * Why not RxDB's own `pause()`: a push that is paused while its request is in flight (or
 * waiting to be retried) is answered inside RxDB with "no conflicts", so the rows count as
 * sent although the server never took them, and RxDB does not send them again (the fault test,
 * renderer/test/fault-set.test.ts, found replies stuck on the device that way). Waiting inside our
 * own handlers instead keeps every row in RxDB's queue until it really went out.
 */
export class ConnectionGate {
  private opened = true;
  private waiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  private closedForGood = false;

  get isOpen(): boolean {
    return this.opened;
  }

  /** Resolves at once while open; otherwise when the gate opens again. */
  wait(): Promise<void> {
    if (this.closedForGood) return Promise.reject(new GateClosedError());
    if (this.opened) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  open(): void {
    this.opened = true;
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
  }

  close(): void {
    this.opened = false;
  }

  /** Sync stopped (sign-out, shutdown): whoever waits gives up. */
  destroy(): void {
    this.closedForGood = true;
    this.opened = false;
    for (const waiter of this.waiters.splice(0)) waiter.reject(new GateClosedError());
  }
}

export class GateClosedError extends Error {
  readonly code = 'sync-stopped';
  constructor() {
    super('Sync has stopped');
    this.name = 'GateClosedError';
  }
}
