/**
 * Memory-safe parsing (issue 9): Apollo keeps parsed documents in a cache bounded by their real
 * size (query text included). 1,000 distinct queries of ~1 MB each (a small query padded with a
 * distinct comment) leave the heap, after garbage collection, within a fixed bound: with Apollo's
 * default cache they kept ~1 MB each. Bytes are asserted, never time.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Lattice } from '../../src/server/app.ts';
import { startTestLattice, testConfig } from '../helpers/lattice.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MiB = 1024 * 1024;
const QUERIES = 1_000;
const PADDING = 'x'.repeat(MiB);

let lattice: Lattice;
beforeAll(async () => {
  // Rate limits off: this test sends more requests than an anonymous address may in a minute.
  lattice = await startTestLattice({ bodyLimitBytes: 2 * MiB, rateLimits: { ...testConfig().rateLimits, enabled: false } });
});
afterAll(async () => {
  await lattice?.close();
});

async function send(i: number): Promise<void> {
  const query = `# ${i} ${PADDING}\n{ domain(identifier: "Orders") { title } }`;
  const res = await fetch(`${lattice.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  expect(await res.json()).toMatchObject({ data: { domain: { title: 'Orders' } } });
}

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

it(`keeps the heap bounded over ${QUERIES} distinct ~1 MB queries`, async () => {
  for (let i = 0; i < 20; i++) await send(-1 - i); // warm up: code, caches, connections
  const before = heapAfterGc();
  for (let i = 0; i < QUERIES; i++) await send(i);
  const growth = heapAfterGc() - before;
  expect(growth).toBeLessThan(64 * MiB);
}, 120_000);
