/**
 * Replication endpoints (pull, push) for the replicated collections. The rules live in
 * sync/: checkpoint.ts (what a pull returns), push-rules.ts (what a push may write).
 */
import type { FastifyInstance } from 'fastify';
import { type ReplicatedCollection, isReplicatedCollection } from '../../shared/collections';
import {
  PULL_LIMIT_DEFAULT,
  PULL_LIMIT_MAX,
  PUSH_ROWS_MAX,
  REFUSALS_HEADER,
  type PullResponse,
  type RowRefusal,
} from '../../shared/protocol';
import type { WireDoc } from '../../shared/schemas/common';
import { validateWireDoc } from '../../shared/validation';
import type { ServerContext } from '../context';
import { ApiError } from '../errors';
import { channelsOf } from '../sync/channels';
import { advanceCheckpoint, parseCheckpoint, positionsFor } from '../sync/checkpoint';
import { type PushRow, pushRule } from '../sync/push-rules';

type Params = { collection: string };

function collectionOf(params: Params): ReplicatedCollection {
  if (!isReplicatedCollection(params.collection)) {
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

/** Every row is checked before anything is written: one invalid row fails the whole push. */
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

function validateRows(collection: ReplicatedCollection, body: unknown[]): PushRow[] {
  return body.map((raw, i) => {
    const row = raw as { assumedMasterState?: WireDoc | null; newDocumentState: WireDoc };
    const result = validateWireDoc(collection, row.newDocumentState);
    const id =
      typeof row.newDocumentState.id === 'string'
        ? ` (id ${row.newDocumentState.id.slice(0, 200)})`
        : '';
    if (!result.ok) throw new ApiError(400, 'invalid-document', `row ${i}${id}: ${result.message}`);
    const assumed = row.assumedMasterState ?? null;
    if (assumed && assumed.id !== row.newDocumentState.id) {
      throw new ApiError(
        400,
        'invalid-document',
        `row ${i}${id}: assumedMasterState has another id`,
      );
    }
    return { assumedMasterState: assumed, newDocumentState: row.newDocumentState };
  });
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
      const channels = channelsOf(await store.activeCommunityIds(userId));
      const { positions, ownPosition } = positionsFor(parsed.value, channels);
      const rows = await store.pull({
        collection,
        channels: positions,
        ownerId: userId,
        ownPosition,
        limit: request.query.limit ?? PULL_LIMIT_DEFAULT,
      });
      return {
        documents: rows.map((r) => r.doc),
        checkpoint: advanceCheckpoint(parsed.value, rows, channels, userId),
      };
    },
  );

  app.post<{ Params: Params; Body: unknown[] }>(
    '/sync/:collection/push',
    { schema: pushSchema },
    async (request, reply) => {
      const collection = collectionOf(request.params);
      const rows = validateRows(collection, request.body);
      const userId = request.userId;
      const communityIds = rows.map(
        (r) => (r.newDocumentState as { communityId?: unknown }).communityId,
      );
      const outcome = await store.applyPush({
        collection,
        userId,
        rows,
        ids: rows.map((r) => r.newDocumentState.id),
        communityIds: communityIds.filter((c): c is string => typeof c === 'string'),
        decide: pushRule(collection, userId, now()),
      });
      hub.publish(
        outcome.written.map(({ collection: c, channel, ownerId }) => ({
          collection: c,
          channel,
          ownerId,
        })),
      );

      const conflicts: WireDoc[] = [];
      const refusals: RowRefusal[] = [];
      outcome.results.forEach((result, i) => {
        if (!result) return;
        if ('conflict' in result) conflicts.push(result.conflict);
        else refusals.push({ id: rows[i]!.newDocumentState.id, error: result.refusal });
      });
      // Always present on a push answer, "[]" when nothing was refused: see docs/protocol.md.
      reply.header(REFUSALS_HEADER, asciiJson(refusals));
      return conflicts;
    },
  );
}
