/**
 * GraphQL over HTTP conformance: graphql-http's server audits against a real Lattice server.
 * Every audit passes, the SHOULDs included (61 of 61 with graphql-http 1.x): the three about 200
 * for request errors under `application/json` through legacyJsonStatus.ts.
 */
import { serverAudits, type AuditResult } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lattice } from '../../src/server/app.ts';
import { startTestLattice } from '../helpers/lattice.ts';

let lattice: Lattice | undefined;
const audits = serverAudits({
  url: () => {
    if (!lattice) throw new Error('Lattice is not running');
    return `${lattice.url}/graphql`;
  },
  // Apollo's CSRF prevention is on: a GET needs this header (docs/security.md, Production mode).
  fetchFn: (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    headers.set('apollo-require-preflight', 'true');
    return fetch(input, { ...init, headers });
  },
});

describe('graphql-http server audits', () => {
  beforeAll(async () => {
    lattice = await startTestLattice();
  });

  afterAll(async () => {
    await lattice?.close();
  });

  it('runs every audit graphql-http has (61 in 1.x)', () => {
    expect(audits.length).toBe(61);
  });

  for (const audit of audits) {
    it(`${audit.id} ${audit.name}`, async () => {
      const result: AuditResult = await audit.fn();
      expect(result.status, result.status === 'ok' ? '' : `${result.reason} (HTTP ${result.response.status})`).toBe('ok');
    });
  }
});
