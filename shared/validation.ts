/**
 * Validation of documents against the shared schemas, used by the server for every pushed
 * document. The renderer's RxDB validates the same schemas with the same library
 * (`rxdb/plugins/validate-z-schema`): z-schema, because Ajv compiles with `new Function`,
 * which the app's Content-Security-Policy forbids.
 */
import ZSchema from 'z-schema';
import type { JsonSchema } from 'z-schema';
import { type CollectionName, SCHEMAS } from './collections';

const validator = ZSchema.create({ strictMode: false });

/** RxDB's own keywords that are not JSON Schema and mean nothing to a validator. */
const RXDB_ONLY_KEYS = new Set(['version', 'primaryKey', 'indexes', 'encrypted', 'keyCompression']);

function wireSchemaOf(name: CollectionName): JsonSchema {
  const schema = SCHEMAS[name] as unknown as Record<string, unknown>;
  const plain = Object.fromEntries(Object.entries(schema).filter(([k]) => !RXDB_ONLY_KEYS.has(k)));
  const properties = schema.properties as Record<string, unknown>;
  const required = schema.required as string[];
  return {
    ...plain,
    properties: { ...properties, _deleted: { type: 'boolean' } },
    required: [...required, '_deleted'],
  } as JsonSchema;
}

const wireSchemas = new Map<CollectionName, JsonSchema>();

export type ValidationResult = { ok: true } | { ok: false; message: string };

/** Checks one document as it travels over the wire (with `_deleted`). */
export function validateWireDoc(name: CollectionName, doc: unknown): ValidationResult {
  let schema = wireSchemas.get(name);
  if (!schema) {
    schema = wireSchemaOf(name);
    wireSchemas.set(name, schema);
  }
  const result = validator.validateSafe(doc, schema);
  if (result.valid) return { ok: true };
  const details = result.err?.details ?? [];
  const first = details[0];
  const message = first
    ? `${first.path === '#/' ? 'document' : first.path}: ${first.message}`
    : 'document does not match its schema';
  return { ok: false, message };
}
