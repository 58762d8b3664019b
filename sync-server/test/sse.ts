import { API_BASE } from '../../shared/protocol';

/** Reads Server-Sent Events with fetch (Node 20 has no EventSource, and it cannot send headers). */
export async function openStream(server: { url: string }, token: string) {
  const controller = new AbortController();
  const res = await fetch(`${server.url}${API_BASE}/sync/stream`, {
    headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip, br' },
    signal: controller.signal,
  });
  const events: { event: string; data: string }[] = [];
  const waiters: (() => void)[] = [];
  let ended = false;
  const pump = async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let split: number;
        while ((split = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length > 0) events.push({ event, data: data.join('\n') });
          waiters.splice(0).forEach((w) => w());
        }
      }
    } catch {
      /* aborted */
    } finally {
      ended = true;
      waiters.splice(0).forEach((w) => w());
    }
  };
  const done = pump();
  return {
    response: res,
    events,
    /** Resolves once `count` events have arrived (fails the test if the stream ends first). */
    async waitFor(count: number) {
      while (events.length < count) {
        if (ended) throw new Error(`stream ended after ${events.length} events`);
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
      return events.slice(0, count);
    },
    get ended() {
      return ended;
    },
    async close() {
      controller.abort();
      await done;
    },
  };
}
