/**
 * The parsed-document cache Apollo Server keeps (its `documentStore`), bounded by what the
 * documents really hold. Apollo's default sizes a document by its JSON, which leaves out
 * `loc.source` (the query text every node's location points to): 300 distinct 1 MB queries grew
 * the heap by 283 MB inside its "30 MiB" budget. Here a document counts its source text plus four
 * times its JSON (an AST object takes several times its JSON on the heap), so `maxBytes` bounds the
 * heap it can hold. Locations are kept: error messages point at line and column.
 * lru-cache is what Apollo's own store is built on; this only changes the size.
 */
import type { ApolloServerOptions, BaseContext } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import { LRUCache } from 'lru-cache';

/** What a parsed document holds on the heap, about (also the fast lane's measure, fastLane.ts). */
export function documentSize(doc: DocumentNode): number {
  return Buffer.byteLength(JSON.stringify(doc)) * 4 + (doc.loc?.source.body.length ?? 0);
}

type DocumentStore = NonNullable<ApolloServerOptions<BaseContext>['documentStore']>;

export function boundedDocumentStore(maxBytes: number): DocumentStore {
  const cache = new LRUCache<string, DocumentNode>({ maxSize: maxBytes, sizeCalculation: (doc) => Math.max(1, documentSize(doc)) });
  return {
    async get(key) {
      return cache.get(key);
    },
    async set(key, value) {
      cache.set(key, value);
    },
    async delete(key) {
      return cache.delete(key);
    },
  };
}
