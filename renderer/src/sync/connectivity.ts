/**
 * Is the server reachable? `navigator.onLine` only knows whether some network interface is up
 * (and says "online" behind a captive portal), so the truth comes from the server: the event
 * stream being open, or a cheap health request answering. While unreachable, probe with
 * exponential back-off and jitter.
 */
export interface ProbeOptions {
  healthUrl: string;
  onReachable(): void;
  minDelayMs?: number;
  maxDelayMs?: number;
}

export async function isReachable(healthUrl: string, timeoutMs = 5_000): Promise<boolean> {
  try {
    const response = await fetch(healthUrl, {
      signal: AbortSignal.timeout(timeoutMs),
      cache: 'no-store',
    });
    return response.ok;
  } catch {
    return false;
  }
}

/** Delay before retry number `attempt` (0-based): exponential, capped, with full jitter. */
export function backoffDelay(
  attempt: number,
  minDelayMs: number,
  maxDelayMs: number,
  random = Math.random,
): number {
  const ceiling = Math.min(maxDelayMs, minDelayMs * 2 ** Math.min(attempt, 16));
  return minDelayMs / 2 + random() * ceiling;
}

export class ReachabilityProbe {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private running = false;

  constructor(private readonly options: ProbeOptions) {}

  /** Start probing (no-op if already probing). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.attempt = 0;
    this.schedule(0);
  }

  /** Probe right now, e.g. the OS says the network is back or the desktop woke up. */
  probeNow(): void {
    if (!this.running) return;
    this.attempt = 0;
    this.schedule(0);
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.probe(), delayMs);
  }

  private async probe(): Promise<void> {
    if (!this.running) return;
    if (await isReachable(this.options.healthUrl)) {
      this.stop();
      this.options.onReachable();
      return;
    }
    if (!this.running) return;
    this.attempt += 1;
    this.schedule(
      backoffDelay(
        this.attempt,
        this.options.minDelayMs ?? 1_000,
        this.options.maxDelayMs ?? 30_000,
      ),
    );
  }
}
