/**
 * The operations of the fault test: each step, one client adds, edits or deletes one of its
 * own replies in the shared thread, or its network goes down or comes back. Every change is
 * recorded in the history before the client's database takes it, so the checker knows what
 * should exist whatever happens to the request afterwards.
 */
import type { Thread } from '../../../shared/schemas/threads';
import { createReply, editReply, withdraw } from '../../src/data/writes';
import type { TestClient } from '../harness';
import type { ChaosProxy } from './chaos-proxy';
import { type History, bodyOf, versionOf } from './history';
import type { Prng } from './prng';

export interface Member {
  name: string;
  client: TestClient;
  proxy: ChaosProxy;
  offline: boolean;
  written: number;
}

const OP_WEIGHTS = { add: 45, edit: 25, delete: 10, network: 20 };

export async function step(
  member: Member,
  thread: Pick<Thread, 'id' | 'communityId'>,
  history: History,
  random: Prng,
): Promise<void> {
  const { client } = member;
  const own = [...history.intents.values()].filter((p) => p.author === member.name && !p.deleted);
  let op = random.weighted(OP_WEIGHTS);
  if ((op === 'edit' || op === 'delete') && own.length === 0) op = 'add';

  if (op === 'network') {
    member.offline = !member.offline;
    member.proxy.setDown(member.offline);
    history.ops[member.offline ? 'offline' : 'online'] += 1;
    // What the 'online' event does in the app.
    if (!member.offline) client.sync.syncNow();
    return;
  }
  if (op === 'add') {
    member.written += 1;
    const key = `${member.name}-${member.written}`;
    const post = await createReply(client.db, client, thread, bodyOf(key, 1));
    history.intents.set(post.id, {
      id: post.id,
      author: member.name,
      key,
      version: 1,
      body: post.body,
      deleted: false,
    });
    if (member.offline) history.offlineWrites.add(post.id);
  } else {
    const target = random.pick(own);
    if (op === 'edit') {
      target.version += 1;
      target.body = bodyOf(target.key, target.version);
      await editReply(client.db, target.id, target.body);
    } else {
      target.deleted = true;
      await withdraw(client.db, 'posts', target.id);
    }
    if (member.offline) history.offlineWrites.add(target.id);
  }
  history.ops[op] += 1;
}

/**
 * Records which versions the outbox shows as sent. Runs between steps (never during one), so
 * the local body read here is the one the outbox state is about.
 */
export async function sampleAcks(member: Member, history: History): Promise<void> {
  const { db } = member.client;
  const sent = await db.outbox.find({ selector: { state: 'sent', kind: 'reply' } }).exec();
  const docs = await db.posts.findByIds(sent.map((item) => item.id)).exec();
  for (const doc of docs.values()) {
    const version = versionOf(doc.body);
    if (version > (history.acked.get(doc.id) ?? 0)) history.acked.set(doc.id, version);
  }
}
