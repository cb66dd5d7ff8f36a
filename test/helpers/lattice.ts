/**
 * Test helpers: start a real Lattice server (HTTP on a free port) over a folder of blueprints and
 * catalog files, and send GraphQL over real HTTP.
 */
import { cpSync, mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { sha256Hex } from '../../src/auth/authenticate.ts';
import { loadConfig } from '../../src/config/index.ts';
import type { Config } from '../../src/config/types.ts';
import { startLattice, type Lattice, type StartOptions } from '../../src/server/app.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** The seed's files the tests need, copied from the seed catalog (the verbatim Resource blueprint, not valid JSON on purpose). */
export const SEED = path.join(ROOT, 'test/fixtures/seed');

/** A temporary project folder with the shipped blueprints and catalog copied in. */
export function tempProject(options: { blueprints?: boolean; catalog?: boolean } = {}): { dir: string; blueprintsDir: string; catalogDir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'lattice-test-'));
  const blueprintsDir = path.join(dir, 'schema/blueprints');
  const catalogDir = path.join(dir, 'catalog');
  mkdirSync(blueprintsDir, { recursive: true });
  mkdirSync(catalogDir, { recursive: true });
  mkdirSync(path.join(dir, 'schema/actions'), { recursive: true });
  if (options.blueprints !== false) cpSync(path.join(ROOT, 'schema/blueprints'), blueprintsDir, { recursive: true });
  if (options.catalog !== false) cpSync(path.join(ROOT, 'catalog'), catalogDir, { recursive: true });
  return { dir, blueprintsDir, catalogDir };
}

/** An API token with the Admin role, which every test gateway knows unless the test sets `auth`: catalog writes need it. */
export const ADMIN_TOKEN = 'test-admin-token';
export const ADMIN_TOKEN_CONFIG = { name: 'test-admin', sha256: sha256Hex(ADMIN_TOKEN), user: 'admin@example.com', roles: ['Admin'] };

export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' }, ROOT);
  return { ...base, watch: false, auth: { ...base.auth, tokens: [ADMIN_TOKEN_CONFIG] }, ...overrides };
}

export async function startTestLattice(overrides: Partial<Config> = {}, options: StartOptions = {}): Promise<Lattice> {
  const root = overrides.blueprintsDir ? path.dirname(path.dirname(overrides.blueprintsDir)) : ROOT;
  // A project with its own blueprints gets its own actions folder too (usually none): the shipped
  // actions name the shipped blueprints.
  const actionsDir = overrides.actionsDir ?? path.join(root, 'schema/actions');
  const automationsDir = overrides.automationsDir ?? path.join(root, 'schema/automations');
  return startLattice(testConfig({ ...overrides, actionsDir, automationsDir }), { log: pino({ level: 'silent' }), root, ...options });
}

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/** POSTs a GraphQL request; `token` is sent as `Authorization: Bearer <token>` (none: anonymous). */
export async function gql<T = any>(url: string, query: string, variables?: Record<string, unknown>, options: { readonly token?: string } = {}): Promise<GraphQLResponse<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: res.status, ...body };
}

export const DASHBOARD_QUERY = `{
  domain(identifier: "Orders") {
    title
    systemsByDomain {
      nodes {
        identifier
        componentsBySystem {
          nodes {
            identifier
            type
            resources { nodes { identifier type } }
            components { nodes { identifier } }
            consumesApi { nodes { identifier provider { identifier } } }
          }
        }
      }
    }
  }
}`;
