/**
 * GraphQL over HTTP conformance: graphql-http's server audits against a real Lattice server.
 * Every audit must pass, except the SHOULDs listed in KNOWN_FAILURES, which must fail (for the
 * stated reason): so the test fails both when a new audit starts failing and when a known
 * failure starts passing (then take it off the list and out of docs/api-notes.md).
 */
import { serverAudits, type AuditResult } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lattice } from '../../src/server/app.ts';
import { startTestLattice } from '../helpers/lattice.ts';

/**
 * SHOULDs Lattice does not meet, by audit id (see docs/api-notes.md). All three are one choice of
 * Apollo Server: request errors (parse, validation, variable coercion) get HTTP 400 whatever the
 * client accepts, while the spec recommends 200 when the response is `application/json` (legacy
 * clients). Apollo has no setting for parse/validation errors; its deprecated
 * `status400ForVariableCoercionErrors: false` would fix 7B9B only by breaking 86EE (400 for
 * `application/graphql-response+json`), since it does not look at the accept header.
 */
const KNOWN_FAILURES: Record<string, { status: number; reason: string }> = {
  // SHOULD use 200 status code on document parsing failure when accepting application/json
  '572B': { status: 400, reason: 'Apollo Server answers 400 to a document that does not parse, whatever the accept header' },
  // SHOULD use 200 status code on document validation failure when accepting application/json
  FDE2: { status: 400, reason: 'Apollo Server answers 400 to a document that does not validate, whatever the accept header' },
  // SHOULD use a status code of 200 on variable coercion failure when accepting application/json
  '7B9B': { status: 400, reason: 'Apollo Server 5 answers 400 to variables that do not coerce, whatever the accept header' },
};

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

  it('knows every listed known failure, and none of them is a MUST', () => {
    const byId = new Map(audits.map((a) => [a.id, a]));
    expect(audits.length).toBeGreaterThan(50);
    for (const id of Object.keys(KNOWN_FAILURES)) {
      expect(byId.get(id), `audit ${id}`).toBeDefined();
      expect(byId.get(id)!.name.startsWith('SHOULD '), `audit ${id} is a SHOULD`).toBe(true);
    }
  });

  for (const audit of audits) {
    const known = KNOWN_FAILURES[audit.id];
    it(`${audit.id} ${audit.name}${known ? ' (known failure)' : ''}`, async () => {
      const result: AuditResult = await audit.fn();
      if (known) {
        // Must still fail, and for the known reason; if it passes, update KNOWN_FAILURES and the docs.
        expect(result.status, `${audit.id} now passes: take it off KNOWN_FAILURES and docs/api-notes.md`).not.toBe('ok');
        if (result.status !== 'ok') expect(result.response.status, known.reason).toBe(known.status);
      } else {
        expect(result.status, result.status === 'ok' ? '' : `${result.reason} (HTTP ${result.response.status})`).toBe('ok');
      }
    });
  }
});
