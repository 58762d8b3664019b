/**
 * The set checker (after Jepsen's set test): compares what every client meant to write with
 * what the server holds and what every device shows. Returns the problems found, one sentence
 * each; an empty list means nothing was lost, duplicated, resurrected or left stale.
 */
import { type History, versionOf } from './history';

/** A post as the server or a device holds it (tombstones included). */
export interface SeenPost {
  id: string;
  body: string;
  deleted: boolean;
}

/** Acknowledged writes are on the server: checked after every crash and at the end. */
export function checkAcknowledged(
  acked: ReadonlyMap<string, number>,
  history: History,
  server: ReadonlyMap<string, SeenPost>,
  when: string,
): string[] {
  const problems: string[] = [];
  for (const [id, version] of acked) {
    const held = server.get(id);
    const intent = history.intents.get(id);
    if (!held)
      problems.push(`${when}: acknowledged post ${intent?.key ?? id} v${version} is missing`);
    else if (held.deleted && !intent?.deleted)
      problems.push(
        `${when}: acknowledged post ${intent?.key ?? id} is deleted, its author did not delete it`,
      );
    else if (!held.deleted && versionOf(held.body) < version)
      problems.push(
        `${when}: acknowledged ${intent?.key ?? id} v${version}, the server has "${held.body}"`,
      );
  }
  return problems;
}

/** After healing: the server and each device hold exactly the intended live posts. */
export function checkConverged(
  history: History,
  server: ReadonlyMap<string, SeenPost>,
  devices: ReadonlyArray<{ name: string; posts: ReadonlyMap<string, SeenPost> }>,
): string[] {
  const problems = checkAcknowledged(history.acked, history, server, 'at the end');
  const expected = new Map<string, string>();
  for (const intent of history.intents.values()) {
    if (!intent.deleted) expected.set(intent.id, intent.body);
  }
  const compare = (where: string, held: ReadonlyMap<string, SeenPost>) => {
    for (const [id, body] of expected) {
      const post = held.get(id);
      const key = history.intents.get(id)?.key ?? id;
      if (!post || post.deleted) problems.push(`${where}: ${key} ("${body}") is missing`);
      else if (post.body !== body)
        problems.push(`${where}: ${key} is "${post.body}", not "${body}"`);
    }
    const bodies = new Set<string>();
    for (const post of held.values()) {
      if (post.deleted) continue;
      if (!expected.has(post.id))
        problems.push(`${where}: "${post.body}" should not exist (deleted or never written)`);
      if (bodies.has(post.body)) problems.push(`${where}: "${post.body}" is there more than once`);
      bodies.add(post.body);
    }
  };
  compare('server', server);
  for (const device of devices) compare(device.name, device.posts);
  return problems;
}
