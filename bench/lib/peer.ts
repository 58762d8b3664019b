/**
 * The benchmark peer: PouchDB replicating from a CouchDB-protocol server (express-pouchdb in
 * `minimumForPouchDB` mode, which compresses its answers, over a memory-adapter PouchDB) — what
 * a team would otherwise pick for an offline-first app.
 */
import type { Server } from 'node:http';
import express from 'express';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb-core';
import httpAdapter from 'pouchdb-adapter-http';
import memoryAdapter from 'pouchdb-adapter-memory';
import replication from 'pouchdb-replication';

PouchDB.plugin(memoryAdapter).plugin(httpAdapter).plugin(replication);

/* eslint-disable @typescript-eslint/no-explicit-any -- the peer's packages are untyped */
const MemoryPouch: any = PouchDB.defaults({ adapter: 'memory' });

export interface PeerServer {
  url: string;
  /** the server's own database: writes here skip the wire */
  db(name: string): any;
  close(): Promise<void>;
}

export async function startPeerServer(): Promise<PeerServer> {
  const app = express();
  app.use('/', expressPouchDB(MemoryPouch, { mode: 'minimumForPouchDB', inMemoryConfig: true }));
  const server: Server = await new Promise((resolve) => {
    const s: Server = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const port = (server.address() as { port: number }).port;
  const dbs = new Map<string, any>();
  return {
    url: `http://127.0.0.1:${port}`,
    db(name) {
      if (!dbs.has(name)) dbs.set(name, new MemoryPouch(name));
      return dbs.get(name);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The same document as the peer stores it: `_id` for `id`, no `_deleted`. */
export function peerDoc(doc: { id: string }): Record<string, unknown> {
  const { id, ...rest } = doc;
  return { _id: id, ...rest };
}

export async function bulkLoad(db: any, docs: { id: string }[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 2_000) {
    await db.bulkDocs(docs.slice(i, i + 2_000).map(peerDoc));
  }
}

let localCount = 0;
export function newLocalDb(): any {
  return new MemoryPouch(`local-${++localCount}-${Date.now()}`);
}

export function remoteDb(url: string): any {
  return new PouchDB(url, { adapter: 'http', skip_setup: true });
}

/** One-off replication from `remote` into `local`; resolves with the documents written. */
export async function replicateOnce(remote: any, local: any): Promise<number> {
  const info = await local.replicate.from(remote);
  return info.docs_written as number;
}

/** Live replication; resolves once it is idle, so that later changes arrive one by one. */
export async function replicateLive(remote: any, local: any): Promise<{ cancel(): void }> {
  const rep = local.replicate.from(remote, { live: true, retry: true });
  await new Promise<void>((resolve) => rep.once('paused', () => resolve()));
  return { cancel: () => rep.cancel() };
}

export async function hasDoc(db: any, id: string): Promise<boolean> {
  try {
    await db.get(id);
    return true;
  } catch {
    return false;
  }
}
/* eslint-enable */
