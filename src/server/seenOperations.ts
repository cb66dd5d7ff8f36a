/**
 * The operations this process ran in the last 24 hours (at most MAX_OPERATIONS and MAX_CHARS of
 * source text, least recently run dropped first; a document over MAX_CHARS / 16 is not kept), by
 * their source text: what `schema.breakingChanges: refuse` protects,
 * with the trusted documents. An Apollo plugin records HTTP operations; graphql-ws, SSE and
 * multipart record theirs once prepared (streams/prepare.ts's `onPrepared`). Per process: a replica knows the operations it served.
 */
import { LRUCache } from 'lru-cache';
import type { ApolloServerPlugin } from '@apollo/server';
import type { KnownOperation } from './schemaChanges.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_OPERATIONS = 5_000;
const MAX_CHARS = 8 * 1024 * 1024;

export class SeenOperations {
  private readonly seen = new LRUCache<string, string>({
    max: MAX_OPERATIONS,
    ttl: DAY_MS,
    maxSize: MAX_CHARS,
    maxEntrySize: MAX_CHARS / 16,
    sizeCalculation: (name, source) => source.length + name.length,
  });

  record(source: string, name: string | null | undefined): void {
    this.seen.set(source, name ?? 'anonymous operation');
  }

  list(): KnownOperation[] {
    return [...this.seen.entries()].map(([source, name]) => ({ name, source }));
  }
}

/** Records every operation Apollo resolved (parsed and validated) over HTTP. */
export function seenOperationsPlugin(seen: SeenOperations): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ source, operationName }) {
          seen.record(source, operationName);
        },
      };
    },
  };
}
