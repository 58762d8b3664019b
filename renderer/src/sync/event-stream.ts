/**
 * Reads the server's Server-Sent Events stream with fetch, because EventSource cannot send the
 * Authorization header (and Node has no EventSource). Reconnects with exponential back-off and
 * jitter; the server starts every new connection with RESYNC, so nothing is missed in between.
 */
import { createParser } from 'eventsource-parser';

export interface EventStreamHandlers {
  onEvent(event: string, data: string): void;
  onOpen(): void;
  /** The stream dropped or could not connect; `status` is the HTTP status when there was one. */
  onDrop(status: number | null): void;
}

export interface EventStreamOptions {
  url: string;
  headers: () => Record<string, string>;
  handlers: EventStreamHandlers;
  /** Stop reconnecting after this status (e.g. 401: the session is over). */
  isFatal?: (status: number) => boolean;
  minDelayMs?: number;
  maxDelayMs?: number;
}

export interface EventStream {
  /** Reconnect now instead of waiting for the back-off (e.g. the network came back). */
  reconnectNow(): void;
  close(): void;
}

export function openEventStream(options: EventStreamOptions): EventStream {
  const minDelay = options.minDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 30_000;
  let closed = false;
  let attempt = 0;
  let controller: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let wake: (() => void) | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, ms);
    }).finally(() => {
      wake = null;
      if (timer) clearTimeout(timer);
      timer = null;
    });

  async function connectOnce(): Promise<number | null> {
    controller = new AbortController();
    const response = await fetch(options.url, {
      headers: { Accept: 'text/event-stream', ...options.headers() },
      signal: controller.signal,
      cache: 'no-store',
    });
    if (!response.ok || !response.body) return response.status;
    attempt = 0;
    options.handlers.onOpen();
    const parser = createParser({
      onEvent: (message) => options.handlers.onEvent(message.event ?? 'message', message.data),
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return null;
      parser.feed(value);
    }
  }

  void (async () => {
    while (!closed) {
      let status: number | null;
      try {
        status = await connectOnce();
      } catch {
        status = null;
      }
      if (closed) return;
      options.handlers.onDrop(status);
      if (status !== null && options.isFatal?.(status)) return;
      attempt += 1;
      const backoff = Math.min(maxDelay, minDelay * 2 ** Math.min(attempt, 10));
      // Full jitter: many clients coming back after an outage do not reconnect in lockstep.
      await sleep(Math.random() * backoff + minDelay / 2);
    }
  })();

  return {
    reconnectNow() {
      attempt = 0;
      wake?.();
    },
    close() {
      closed = true;
      controller?.abort();
      wake?.();
    },
  };
}
