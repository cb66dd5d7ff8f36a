/**
 * The reference server for bench/http.bench.ts: a GraphQL server as one would write it by hand
 * in ~40 lines: node:http, graphql-js `parse` / `validate` / `execute` (documents parsed and
 * validated once per query text, as every serious server does), the hand-written schema of
 * schema.ts over a catalog file in the seed's format, `JSON.stringify` for the answer.
 *
 *   node bench/reference/server.ts <catalog.json> <port>
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { execute, parse, validate, type DocumentNode, type GraphQLError } from 'graphql';
import { referenceSchema, type ReferenceEntity } from './schema.ts';

const [catalogFile, port] = process.argv.slice(2);
const catalog = JSON.parse(readFileSync(catalogFile, 'utf8')) as Record<string, Omit<ReferenceEntity, 'blueprint'>[]>;
const schema = referenceSchema(Object.entries(catalog).flatMap(([blueprint, list]) => list.map((e) => ({ ...e, blueprint }))));
const documents = new Map<string, DocumentNode | readonly GraphQLError[]>();

function documentOf(query: string): DocumentNode | readonly GraphQLError[] {
  let cached = documents.get(query);
  if (!cached) {
    try {
      const document = parse(query);
      const errors = validate(schema, document);
      cached = errors.length ? errors : document;
    } catch (err) {
      cached = [err as GraphQLError];
    }
    if (documents.size >= 1000) documents.clear();
    documents.set(query, cached);
  }
  return cached;
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    let status = 200;
    let body: unknown;
    try {
      const { query, variables, operationName } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const document = documentOf(query);
      if (Array.isArray(document)) [status, body] = [400, { errors: document }];
      else body = await execute({ schema, document: document as DocumentNode, variableValues: variables, operationName });
    } catch {
      [status, body] = [400, { errors: [{ message: 'invalid JSON body' }] }];
    }
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  });
});
server.listen(Number(port), '127.0.0.1', () => process.send?.('listening'));
