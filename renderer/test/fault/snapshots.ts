/** What the server and each device hold of the thread's replies, for the checker. */
import type { Post } from '../../../shared/schemas/posts';
import type { WireDoc } from '../../../shared/schemas/common';
import type { ApiClient } from '../../src/api/client';
import type { TestClient } from '../harness';
import type { SeenPost } from './checker';

const PAGE = 1000;

/** Every reply of the thread on the server, tombstones included, pulled from the start. */
export async function serverPosts(
  api: ApiClient,
  threadId: string,
): Promise<Map<string, SeenPost>> {
  const posts = new Map<string, SeenPost>();
  let checkpoint: unknown;
  for (;;) {
    const page = await api.pull<WireDoc<Post>>('posts', checkpoint, PAGE);
    for (const doc of page.documents) {
      if (doc.threadId !== threadId) continue;
      if (posts.has(doc.id)) throw new Error(`the server returned ${doc.id} twice in one pull`);
      posts.set(doc.id, { id: doc.id, body: doc.body, deleted: doc._deleted });
    }
    checkpoint = page.checkpoint;
    if (page.documents.length < PAGE) return posts;
  }
}

/** The replies a device shows (RxDB keeps deleted documents out of queries). */
export async function devicePosts(
  client: TestClient,
  threadId: string,
): Promise<Map<string, SeenPost>> {
  const docs = await client.db.posts.find({ selector: { threadId } }).exec();
  return new Map(docs.map((d) => [d.id, { id: d.id, body: d.body, deleted: false }]));
}

/** Replies still waiting in a device's outbox (queued or sending). */
export async function waiting(client: TestClient): Promise<number> {
  // find, not count: RxDB refuses a count whose selector does not fully match an index (QU14).
  const items = await client.db.outbox
    .find({ selector: { state: { $in: ['queued', 'sending'] } } })
    .exec();
  return items.length;
}
