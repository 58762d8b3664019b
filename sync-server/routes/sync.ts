/**
 * Replication endpoints (pull, push) for every served collection. The rules live in sync/:
 * checkpoint.ts and visibility.ts (what a pull returns), push/ (what a push may write).
 */
import type { FastifyInstance } from 'fastify';
import { type CollectionName, isServedCollection } from '../../shared/collections';
import {
  PULL_LIMIT_DEFAULT,
  PULL_LIMIT_MAX,
  PUSH_ROWS_MAX,
  REFUSALS_HEADER,
  type PullResponse,
  type RowRefusal,
} from '../../shared/protocol';
import type { WireDoc } from '../../shared/schemas/common';
import type { ServerContext } from '../context';
import { ApiError } from '../errors';
import type { LiveHub } from '../live/hub';
import type { StoredRow } from '../store/types';
import { advanceCheckpoint, parseCheckpoint, positionsFor } from '../sync/checkpoint';
import { prepareRow } from '../sync/push/prepare';
import { type RowOutcome, applyRow } from '../sync/push/rules';
import { readerChannels } from '../sync/visibility';

type Params = { collection: string };

function collectionOf(params: Params): CollectionName {
  if (!isServedCollection(params.collection)) {
    throw new ApiError(404, 'not-found', `no replicated collection "${params.collection}"`);
  }
  return params.collection;
}

const pullSchema = {
  querystring: {
    type: 'object',
    properties: {
      checkpoint: { type: 'string' },
      limit: { type: 'integer', minimum: 1, maximum: PULL_LIMIT_MAX },
    },
  },
} as const;

/** The shape of a push; the documents inside are checked row by row (push/prepare.ts). */
const pushSchema = {
  body: {
    type: 'array',
    maxItems: PUSH_ROWS_MAX,
    items: {
      type: 'object',
      required: ['newDocumentState'],
      properties: {
        // RxDB omits it for a document it believes new: absent means null.
        assumedMasterState: { type: ['object', 'null'] },
        newDocumentState: { type: 'object' },
      },
    },
  },
} as const;

type RawRow = { assumedMasterState?: unknown; newDocumentState: Record<string, unknown> };

/**
 * JSON with every non-ASCII character escaped: header values must be Latin-1, and a document
 * id may be any string. The result still parses to the same value.
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * A stored document as one reader may receive it. A profile carries the therapies its owner
 * follows: health information the server keeps (it derives the owner's therapy channels from
 * it, channels.ts) but that only the owner receives. Co-members and moderators get the profile
 * without the field. The field is optional in the profile schema, so their RxDB copy validates;
 * and only the owner may push a profile (push/rules.ts), so a copy without it is never written
 * back over the stored one.
 */
export function asSeenBy(row: StoredRow, readerId: string): WireDoc {
  if (row.collection !== 'profiles' || row.ownerId === readerId) return row.doc;
  const { followedTherapyIds: _ownerOnly, ...shared } = row.doc as WireDoc & {
    followedTherapyIds?: unknown;
  };
  return shared;
}

/** One notice per row, for its final placement (a row re-placed in the same commit counts once). */
function publish(hub: LiveHub, rows: StoredRow[]) {
  const last = new Map<string, StoredRow>();
  for (const row of rows) last.set(`${row.collection}\u0000${row.doc.id}`, row);
  hub.publish(
    [...last.values()].map(({ collection, channels, ownerId }) => ({
      collection,
      channels,
      ownerId,
    })),
  );
}

export function syncRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { store, hub, now } = ctx;

  app.get<{ Params: Params; Querystring: { checkpoint?: string; limit?: number } }>(
    '/sync/:collection/pull',
    { schema: pullSchema },
    async (request): Promise<PullResponse<WireDoc>> => {
      const collection = collectionOf(request.params);
      const parsed = parseCheckpoint(request.query.checkpoint);
      if (!parsed.ok) throw new ApiError(400, 'bad-request', parsed.message);
      const userId = request.userId;
      const channels = await readerChannels(store, userId);
      const { positions, ownPosition } = positionsFor(parsed.value, channels);
      const rows = await store.pull({
        collection,
        channels: positions,
        ownerId: userId,
        ownPosition,
        limit: request.query.limit ?? PULL_LIMIT_DEFAULT,
      });
      return {
        documents: rows.map((row) => asSeenBy(row, userId)),
        checkpoint: advanceCheckpoint(parsed.value, rows, channels, userId),
      };
    },
  );

  app.post<{ Params: Params; Body: RawRow[] }>(
    '/sync/:collection/push',
    { schema: pushSchema },
    async (request, reply) => {
      const collection = collectionOf(request.params);
      const userId = request.userId;
      const t = now();
      const prepared = request.body.map((raw) => prepareRow(collection, raw));
      const outcomes = await store.transaction(async (tx) => {
        const results: { id: string; outcome: RowOutcome }[] = [];
        for (const p of prepared) {
          if (!p.ok) {
            results.push({ id: p.id, outcome: { kind: 'refused', code: p.code } });
            continue;
          }
          const outcome = await applyRow(tx, { collection, userId, now: t }, p.row);
          results.push({ id: p.row.newDocumentState.id, outcome });
        }
        for (const { id, outcome } of results) {
          if (outcome.kind !== 'refused') continue;
          await tx.audit({
            at: t,
            kind: 'refusal',
            userId,
            subject: id,
            detail: { collection, code: outcome.code },
          });
        }
        return results;
      });

      const conflicts: WireDoc[] = [];
      const refusals: RowRefusal[] = [];
      const written: StoredRow[] = [];
      for (const { id, outcome } of outcomes) {
        if (outcome.kind === 'conflict') conflicts.push(outcome.master);
        else if (outcome.kind === 'refused') refusals.push({ id, error: outcome.code });
        else if (outcome.kind === 'written') written.push(...outcome.rows);
      }
      publish(hub, written);
      // Always present on a push answer, "[]" when nothing was refused: see docs/protocol.md.
      reply.header(REFUSALS_HEADER, asciiJson(refusals));
      return conflicts;
    },
  );
}
