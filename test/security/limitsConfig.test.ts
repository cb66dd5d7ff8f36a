/**
 * The `limits:` block of lattice.yaml: defaults without it, values and per-role overrides with
 * it, unknown keys refused with their name, and a caller's limits the most generous of its roles.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ANONYMOUS } from '../../src/auth/identity.ts';
import { loadConfig } from '../../src/config/index.ts';
import { limitsFor } from '../../src/server/limits/limitsFor.ts';

function configWith(yaml: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'lattice-limits-'));
  writeFileSync(path.join(dir, 'lattice.yaml'), yaml);
  return () => loadConfig({}, dir);
}

it('has safe defaults without a limits block', () => {
  expect(loadConfig({}, mkdtempSync(path.join(tmpdir(), 'lattice-limits-'))).limits).toEqual({
    maxTokens: 10_000,
    documentCacheBytes: 32 * 1024 * 1024,
    defaults: { maxDepth: 15, maxAliases: 30, maxRootFields: 20, maxCost: 10_000_000, maxNodes: 100_000, timeoutMs: 30_000 },
    roles: {},
  });
});

it('takes limits and per-role overrides; a caller gets the most generous of its roles, limit by limit', () => {
  const { limits } = configWith('limits:\n  maxCost: 1000\n  maxDepth: 8\n  roles:\n    Admin: { maxCost: 50000 }\n    SRE: { maxCost: 2000, maxDepth: 12, timeoutMs: 90000 }\n')();
  expect(limits.defaults).toMatchObject({ maxCost: 1000, maxDepth: 8, maxNodes: 100_000 });
  expect(limitsFor(limits, ANONYMOUS)).toBe(limits.defaults);
  const both = limitsFor(limits, { ...ANONYMOUS, anonymous: false, roles: ['SRE', 'Admin'] });
  expect(both).toEqual({ ...limits.defaults, maxCost: 50_000, maxDepth: 12, timeoutMs: 90_000 });
  expect(limitsFor(limits, { ...ANONYMOUS, roles: ['Member'] })).toBe(limits.defaults);
});

it('refuses unknown keys and bad values, naming them', () => {
  expect(configWith('limits:\n  maxDepht: 3\n')).toThrow(/unknown key "limits.maxDepht"/);
  expect(configWith('limits:\n  roles:\n    Admin: { maxTokens: 5 }\n')).toThrow(/unknown key "limits.roles.Admin.maxTokens"/);
  expect(configWith('limits:\n  maxCost: 0\n')).toThrow(/"limits.maxCost" must be >= 1/);
});
