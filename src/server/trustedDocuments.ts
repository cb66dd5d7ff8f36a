/**
 * Trusted documents (`trustedDocuments:` in lattice.yaml): an allow-list of the operations the
 * gateway's own clients send, loaded from JSON manifests `{ "<id>": "<query>" }` (what Apollo's
 * and graphql-codegen's client preset and Relay write; the id is the query's SHA-256 for Apollo
 * and codegen) and, with Redis, from the hash `<prefix>trusted-documents` (HSET id query), read at
 * each lookup so every replica sees a newly published document.
 *
 * A request names a document by `documentId` or by `extensions.persistedQuery.sha256Hash` (Apollo's
 * APQ shape); an unknown id is PERSISTED_QUERY_NOT_FOUND. A request with a full query is refused
 * with PERSISTED_QUERY_NOT_ALLOWED in `enforce` mode unless the query is itself on the list (its
 * SHA-256 is an id) or the caller has a role in `bypassRoles`; `allow` mode runs both.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GraphQLError } from 'graphql';
import { Redis } from 'ioredis';
import type { Identity } from '../auth/identity.ts';
import type { TrustedDocumentsConfig } from '../config/types.ts';
import { ErrorCodes, LatticeError } from '../errors/index.ts';

/** What a request carries: a query, an id, or both. */
export interface DocumentRequest {
  readonly query?: unknown;
  readonly documentId?: unknown;
  readonly extensions?: unknown;
}

export interface TrustedDocuments {
  /** The query to run, or the refusal (a GraphQLError with the code). */
  resolve(request: DocumentRequest, identity: Identity): Promise<string | GraphQLError>;
  /** Every trusted document (manifests, then the Redis hash), for `schema.breakingChanges: refuse`. */
  documents(): Promise<{ readonly id: string; readonly query: string }[]>;
  close(): Promise<void>;
}

export interface TrustedDocumentsOptions {
  readonly config: TrustedDocumentsConfig;
  readonly redisUrl?: string;
  readonly redisPrefix?: string;
}

export function createTrustedDocuments(options: TrustedDocumentsOptions): TrustedDocuments {
  const { config } = options;
  const manifest = new Map<string, string>();
  for (const file of config.manifests) {
    for (const [id, query] of Object.entries(readManifest(file))) manifest.set(id, query);
  }
  const redis = config.redis && options.redisUrl ? new Redis(options.redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
  const hashKey = `${options.redisPrefix ?? 'lattice:'}trusted-documents`;
  const lookup = async (id: string): Promise<string | undefined> => manifest.get(id) ?? (redis ? ((await redis.hget(hashKey, id)) ?? undefined) : undefined);
  return {
    async documents() {
      const stored = redis ? await redis.hgetall(hashKey) : {};
      return [...Object.entries(Object.fromEntries(manifest)), ...Object.entries(stored)].map(([id, query]) => ({ id, query }));
    },
    async resolve(request, identity) {
      const id = documentIdOf(request);
      if (id !== undefined) {
        const query = await lookup(id);
        return query ?? refusal(ErrorCodes.PERSISTED_QUERY_NOT_FOUND, `no trusted document with id "${id}"`);
      }
      const query = typeof request.query === 'string' ? request.query : '';
      if (config.mode === 'allow' || identity.roles.some((r) => config.bypassRoles.includes(r))) return query;
      if ((await lookup(sha256(query))) === query) return query;
      return refusal(ErrorCodes.PERSISTED_QUERY_NOT_ALLOWED, 'only trusted documents run here (trustedDocuments.mode: enforce): send a documentId or extensions.persistedQuery.sha256Hash');
    },
    async close() {
      await redis?.quit().catch(() => redis.disconnect());
    },
  };
}

/** `documentId`, else `extensions.persistedQuery.sha256Hash`; undefined when the request names none. */
export function documentIdOf(request: DocumentRequest): string | undefined {
  if (typeof request.documentId === 'string' && request.documentId !== '') return request.documentId;
  const persisted = (request.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
  return typeof persisted?.sha256Hash === 'string' && persisted.sha256Hash !== '' ? persisted.sha256Hash : undefined;
}

function readManifest(file: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new LatticeError(ErrorCodes.INVALID_CONFIG, `trusted documents manifest ${file} cannot be read as JSON: ${(err as Error).message}`, { location: { file }, cause: err });
  }
  if (!value || typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((q) => typeof q !== 'string')) {
    throw new LatticeError(ErrorCodes.INVALID_CONFIG, `trusted documents manifest ${file} must be one JSON object { "<id>": "<query>" }`, { location: { file } });
  }
  return value as Record<string, string>;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function refusal(code: typeof ErrorCodes.PERSISTED_QUERY_NOT_FOUND | typeof ErrorCodes.PERSISTED_QUERY_NOT_ALLOWED, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}
