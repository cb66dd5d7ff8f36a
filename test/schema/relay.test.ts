/**
 * Relay's compiler (relay-compiler from npm) accepts Lattice's public schema: `@refetchable`
 * fragments on an entity type and on ActionRun (both Nodes), and `@connection` over a many
 * relation and over `runs` (edges, cursors, pageInfo). The queries it writes then run against a
 * live Lattice: a refetch through `node(id:)` and a pagination query, page after page.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { printSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lattice } from '../../src/server/app.ts';
import { buildGeneration } from '../../src/server/runtime.ts';
import { withoutFederation } from '../../src/schema/federation.ts';
import { ADMIN_TOKEN, gql, ROOT, startTestLattice } from '../helpers/lattice.ts';

const read = (dir: string) => readdirSync(path.join(ROOT, dir)).map((f) => ({ file: path.join(dir, f), text: readFileSync(path.join(ROOT, dir, f), 'utf8') }));
/** relay-compiler's package exports the path of its binary for this platform. */
const relayBinary = createRequire(import.meta.url)('relay-compiler') as string;

let dir: string;
let lattice: Lattice;
/** The operation text of a generated artifact (`params.text` of `<name>.graphql.ts`). */
let operation: (name: string) => string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lattice-relay-'));
  mkdirSync(path.join(dir, 'src/__generated__'), { recursive: true });
  const { schema } = buildGeneration(read('schema/blueprints'), () => [], read('schema/actions'));
  // The public schema: what clients get when server.federation.enabled is off.
  writeFileSync(path.join(dir, 'schema.graphql'), printSchema(withoutFederation(schema)));
  copyFileSync(path.join(ROOT, 'test/fixtures/relay/fragments.ts'), path.join(dir, 'src/fragments.ts'));
  const scalars = { DateTime: 'string', JSON: 'unknown', URL: 'string', EmailAddress: 'string', IPv4: 'string', IPv6: 'string' };
  writeFileSync(path.join(dir, 'relay.config.json'), JSON.stringify({ src: './src', schema: './schema.graphql', language: 'typescript', artifactDirectory: './src/__generated__', customScalarTypes: scalars }));
  operation = (name) => {
    const text = readFileSync(path.join(dir, 'src/__generated__', `${name}.graphql.ts`), 'utf8');
    const m = /"text": ("(?:[^"\\]|\\.)*")/.exec(text);
    if (!m) throw new Error(`no operation text in ${name}`);
    return JSON.parse(m[1]) as string;
  };
  lattice = await startTestLattice();
});
afterAll(async () => {
  await lattice?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('relay-compiler', () => {
  it('compiles @refetchable and @connection fragments on entities and runs', () => {
    // Exits non-zero (and execFileSync throws with its output) on any schema or document error.
    const out = execFileSync(relayBinary, [], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toContain('Compilation completed');
    expect(readdirSync(path.join(dir, 'src/__generated__')).sort()).toEqual(
      [
        'ComponentCardRefetchQuery',
        'ComponentCard_component',
        'RunCardRefetchQuery',
        'RunCard_run',
        'RunsListPaginationQuery',
        'RunsList_query',
        'SystemComponentsPaginationQuery',
        'SystemComponents_system',
      ].map((n) => `${n}.graphql.ts`),
    );
  });

  it('its pagination query pages a many relation through node(id:)', async () => {
    const cart = (await gql(lattice.url, '{ system(identifier: "Cart") { id } }', undefined, { token: ADMIN_TOKEN })).data.system.id;
    const query = operation('SystemComponentsPaginationQuery');
    const first = await gql(lattice.url, query, { id: cart, count: 2 }, { token: ADMIN_TOKEN });
    expect(first.errors).toBeUndefined();
    const page = first.data.node.componentsBySystem;
    expect(page.totalCount).toBe(3);
    expect(page.edges.map((e: { node: { identifier: string } }) => e.node.identifier)).toEqual(['CartService', 'CoreKafkaLibrary']);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const second = await gql(lattice.url, query, { id: cart, count: 2, cursor: page.pageInfo.endCursor }, { token: ADMIN_TOKEN });
    expect(second.data.node.componentsBySystem.edges.map((e: { node: { identifier: string } }) => e.node.identifier)).toEqual(['CorePaymentLibrary']);
    expect(second.data.node.componentsBySystem.pageInfo.hasNextPage).toBe(false);
  });

  it('its refetch and pagination queries find runs', async () => {
    const started = await gql(lattice.url, 'mutation { incidentRunbook(entity: "CartService", input: { incident: "INC-7", region: EU_WEST_1 }) { id } }', undefined, { token: ADMIN_TOKEN });
    expect(started.errors).toBeUndefined();
    const id = started.data.incidentRunbook.id;
    const refetched = await gql(lattice.url, operation('RunCardRefetchQuery'), { id }, { token: ADMIN_TOKEN });
    expect(refetched.errors).toBeUndefined();
    expect(refetched.data.node).toMatchObject({ __typename: 'ActionRun', id, status: 'WAITING_FOR_APPROVAL', action: 'incident_runbook', approvals: [] });
    const runs = await gql(lattice.url, operation('RunsListPaginationQuery'), { count: 10 }, { token: ADMIN_TOKEN });
    expect(runs.errors).toBeUndefined();
    expect(runs.data.runs.totalCount).toBe(1);
    expect(runs.data.runs.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([id]);
  });
});
