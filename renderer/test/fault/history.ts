/**
 * What the clients did and what they were told: the ground truth the checker compares the
 * server and every device against. Every post body carries its author, a serial number and a
 * version ("ana-7 v3"), so a stale or duplicated write is recognisable by its text alone.
 */
export interface PostIntent {
  id: string;
  author: string;
  /** "ana-7": unique per post, whatever its version */
  key: string;
  version: number;
  body: string;
  deleted: boolean;
}

export interface History {
  /** what each post should be now, by id: the last thing its author did to it */
  intents: Map<string, PostIntent>;
  /** the highest version of each post that its author's outbox showed as 'sent' */
  acked: Map<string, number>;
  /** ids of posts created or changed while their author was offline */
  offlineWrites: Set<string>;
  ops: Record<'add' | 'edit' | 'delete' | 'offline' | 'online', number>;
}

export function newHistory(): History {
  return {
    intents: new Map(),
    acked: new Map(),
    offlineWrites: new Set(),
    ops: { add: 0, edit: 0, delete: 0, offline: 0, online: 0 },
  };
}

export const bodyOf = (key: string, version: number) => `${key} v${version}`;

/** The version in a body written by bodyOf, or 0 for any other text. */
export function versionOf(body: string): number {
  const match = / v(\d+)$/.exec(body);
  return match ? Number(match[1]) : 0;
}
