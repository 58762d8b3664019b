import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVED_COLLECTIONS } from '../../shared/collections';
import { API_BASE } from '../../shared/protocol';
import {
  type TestServer,
  type TestUser,
  addCommunity,
  call,
  joinCommunity,
  newPost,
  newThread,
  push,
  register,
  startServer,
} from './helpers';
import { openStream } from './sse';
import { STORES } from './stores';

describe.each(STORES)('on the $kind store', (kind) => {
  let server: TestServer;
  let listener: TestUser;
  let writer: TestUser;
  beforeAll(async () => {
    server = await startServer({ kind });
    await addCommunity(server.store, 'ours');
    await addCommunity(server.store, 'theirs');
    listener = await register(server, 'listener');
    writer = await register(server, 'writer');
    await joinCommunity(server, listener, 'ours');
    await joinCommunity(server, writer, 'ours');
    await joinCommunity(server, writer, 'theirs');
  });
  afterAll(async () => {
    await server.close();
  });

  const RESYNC_ALL = SERVED_COLLECTIONS.map((event) => ({ event, data: '"RESYNC"' }));
  const N = RESYNC_ALL.length;

  describe('the live stream', () => {
    it('is an uncompressed event stream that starts with RESYNC for every collection', async () => {
      const stream = await openStream(server, listener.token);
      try {
        expect(stream.response.status).toBe(200);
        expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
        expect(stream.response.headers.get('content-encoding')).toBeNull();
        expect(await stream.waitFor(N)).toEqual(RESYNC_ALL);
      } finally {
        await stream.close();
      }
    });

    it("sends RESYNC after another member's post in a shared community, and nothing for a community the listener is not in", async () => {
      const stream = await openStream(server, listener.token);
      try {
        await stream.waitFor(N);
        // Not the listener's community: no event may come for it.
        await push(server, writer, 'threads', [
          { assumedMasterState: null, newDocumentState: newThread(writer, 'theirs') },
        ]);
        // A post in the shared community: events are written in commit order on one connection,
        // so if the first push had produced an event it would arrive before this one.
        const thread = newThread(writer, 'ours');
        await push(server, writer, 'threads', [
          { assumedMasterState: null, newDocumentState: thread },
        ]);
        await push(server, writer, 'posts', [
          { assumedMasterState: null, newDocumentState: newPost(writer, thread.id, 'ours') },
          { assumedMasterState: null, newDocumentState: newPost(writer, thread.id, 'ours') },
        ]);
        const events = await stream.waitFor(N + 2);
        expect(events.slice(N)).toEqual([
          { event: 'threads', data: '"RESYNC"' },
          { event: 'posts', data: '"RESYNC"' }, // two rows, one event: coalesced per push
        ]);
      } finally {
        await stream.close();
      }
    });

    it("sends RESYNC for every collection when the listener's own membership changes", async () => {
      const stream = await openStream(server, listener.token);
      try {
        await stream.waitFor(N);
        await joinCommunity(server, listener, 'theirs');
        expect((await stream.waitFor(2 * N)).slice(N)).toEqual(RESYNC_ALL);
        // From now on, 'theirs' is routed to this stream.
        await push(server, writer, 'threads', [
          { assumedMasterState: null, newDocumentState: newThread(writer, 'theirs') },
        ]);
        expect((await stream.waitFor(2 * N + 1))[2 * N]).toEqual({
          event: 'threads',
          data: '"RESYNC"',
        });
        await call(server, 'POST', '/communities/theirs/leave', { token: listener.token });
        await stream.waitFor(3 * N + 1);
      } finally {
        await stream.close();
      }
    });

    it('sends a heartbeat comment on a quiet stream at the configured interval', async () => {
      // Proxies close connections that stay silent; a comment line keeps the stream open
      // without being an event for the client.
      const own = await startServer({ kind, heartbeatMs: 50 });
      const user = await register(own);
      const controller = new AbortController();
      try {
        const res = await fetch(`${own.url}${API_BASE}/sync/stream`, {
          headers: { authorization: `Bearer ${user.token}` },
          signal: controller.signal,
        });
        const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
        let text = '';
        const heartbeats = () => text.match(/^: heartbeat\n\n/gm)?.length ?? 0;
        const deadline = Date.now() + 3000;
        while (heartbeats() < 3 && Date.now() < deadline) {
          let timer: NodeJS.Timeout | undefined;
          const timeUp = new Promise<{ done: true; value?: undefined }>((resolve) => {
            timer = setTimeout(resolve, deadline - Date.now(), { done: true });
          });
          const { value, done } = await Promise.race([reader.read(), timeUp]);
          clearTimeout(timer);
          if (done) break;
          text += value;
        }
        expect(heartbeats()).toBeGreaterThanOrEqual(3);
        // Besides the comments, a quiet stream carries only its first RESYNC events.
        const lines = text.split('\n').filter((line) => line !== '');
        const other = lines.filter(
          (line) => line !== ': heartbeat' && !/^(event|data): /.test(line),
        );
        expect(other).toEqual([]);
      } finally {
        controller.abort();
        await own.close();
      }
    });

    it('ends open streams when the server closes', async () => {
      const own = await startServer({ kind });
      const user = await register(own);
      const stream = await openStream(own, user.token);
      await stream.waitFor(N);
      await own.close();
      await expect(stream.waitFor(N + 1)).rejects.toThrow(/ended/);
      await stream.close();
    });
  });
});
