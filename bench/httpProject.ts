/**
 * What the HTTP benchmarks share (bench/http.bench.ts, scripts/httpPaired.ts): the dashboard
 * request they send, the project they serve (a generated catalog in the seed's format and a
 * lattice.yaml for it), and a process's CPU time read from /proc.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DASHBOARD_QUERY } from '../test/helpers/lattice.ts';
import { generateCatalog } from '../test/fixtures/generateCatalog.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * DASHBOARD_QUERY (test/helpers/lattice.ts) for `domain-0`; with BENCH_VARIABLES=1 the domain is a
 * variable (`query($domain: String!)`, as clients such as Apollo Client and Relay send queries).
 */
export const VARIABLES = process.env.BENCH_VARIABLES === '1';
export const QUERY = VARIABLES ? `query($domain: String!) ${DASHBOARD_QUERY.replace('"Orders"', '$domain')}` : DASHBOARD_QUERY.replace('"Orders"', '"domain-0"');
export const BODY = JSON.stringify(VARIABLES ? { query: QUERY, variables: { domain: 'domain-0' } } : { query: QUERY });
export const HEADERS = { 'content-type': 'application/json' };

/** A temporary project: the generated catalog in the seed's format, and a lattice.yaml for it. */
export function writeProject(components: number): { dir: string; catalogFile: string; configFile: string; entities: number } {
  const entities = generateCatalog({ components, systems: components / 10, domains: components / 100 });
  const byBlueprint: Record<string, unknown[]> = {};
  for (const { blueprint, origin: _origin, ...entity } of entities) (byBlueprint[blueprint] ??= []).push(entity);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lattice-http-bench-'));
  mkdirSync(path.join(dir, 'catalog'));
  const catalogFile = path.join(dir, 'catalog/catalog.json');
  writeFileSync(catalogFile, JSON.stringify(byBlueprint));
  const configFile = path.join(dir, 'lattice.yaml');
  writeFileSync(
    configFile,
    [
      `blueprints: ${JSON.stringify(path.join(ROOT, 'schema/blueprints'))}`,
      `actions: ${JSON.stringify(path.join(ROOT, 'schema/actions'))}`,
      'catalog: catalog',
      'watch: false',
      'log: { level: error }',
      '# one client IP sends every request: raise its budget (the limiter still runs per request)',
      'rateLimits: { anonymousPoints: 1000000000 }',
      '',
    ].join('\n'),
  );
  return { dir, catalogFile, configFile, entities: entities.length };
}

/**
 * CPU seconds (user + system) a server process has used so far, from /proc (Linux; undefined
 * elsewhere). CPU time per request is what a shared, loaded machine distorts least: req/s and
 * latency also count the time the process waited for a core.
 */
export function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}
/** USER_HZ: 100 on Linux. */
const CLOCK_TICKS = 100;

