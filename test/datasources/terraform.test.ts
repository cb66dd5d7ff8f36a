/**
 * The Terraform source on its own: options validated with JSON pointers, the state's instances as
 * the mappings see them, and re-reading only what changed (a file's mtime and size, the serial).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { MemoryCache } from '../../src/data/memory/MemoryCache.ts';
import type { SourceConfig } from '../../src/config/types.ts';
import { LatticeError } from '../../src/errors/index.ts';
import { createSources } from '../../src/server/sources.ts';
import { createTerraformSource } from '../../datasources/terraform/source.ts';
import { parseState } from '../../datasources/terraform/state.ts';
import { ROOT } from '../helpers/lattice.ts';

const log = pino({ level: 'silent' });
const STATE = path.join(ROOT, 'examples/terraform/terraform.tfstate');

function config(options: Record<string, unknown>, kind = '*'): SourceConfig {
  return {
    name: 'tf',
    kind: 'terraform',
    ttlSeconds: 0,
    maxStaleSeconds: 0,
    options,
    resources: [{ kind, entity: { mappings: { identifier: '.address', blueprint: '"Resource"', properties: { serial: '.attributes.engine_version' } } } }],
    pointer: '/sources/0',
  };
}

function pointerOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(LatticeError);
    return (err as LatticeError).location?.pointer;
  }
  throw new Error('expected a configuration error');
}

describe('Terraform source', () => {
  it('validates its options with JSON pointers, and is registered as kind terraform', () => {
    const deps = { cache: new MemoryCache(), log };
    expect(pointerOf(() => createTerraformSource(config({}), deps))).toBe('/sources/0/options');
    expect(pointerOf(() => createTerraformSource(config({ states: [{ path: 'a', url: 'http://x' }] }), deps))).toBe('/sources/0/options/states/0');
    expect(pointerOf(() => createTerraformSource(config({ states: [{ url: 'ftp://x' }] }), deps))).toBe('/sources/0/options/states/0/url');
    expect(pointerOf(() => createTerraformSource(config({ states: [{ path: 'a' }], extra: 1 }), deps))).toBe('/sources/0/options');
    const sources = createSources([config({ states: [{ path: STATE }] }), { ...config({ accounts: [{ name: 'a', region: 'eu-west-1' }] }), name: 'aws', kind: 'aws', resources: [] }], deps);
    expect(sources.entries.map((e) => e.kind)).toEqual(['terraform', 'aws']);
  });

  it('gives each instance with its type, name, provider, module, mode, index_key and address', () => {
    const state = parseState(readFileSync(STATE, 'utf8'), 'x.tfstate');
    expect(state.serial).toBe(12);
    expect(state.instances.map((i) => [i.address, i.module, i.mode, i.index_key])).toEqual([
      ['module.cart.aws_db_instance.cart', 'module.cart', 'managed', null],
      ['aws_s3_bucket.assets["products"]', null, 'managed', 'products'],
      ['aws_s3_bucket.assets["cart"]', null, 'managed', 'cart'],
      ['data.aws_caller_identity.current', null, 'data', null],
    ]);
    expect(state.instances[0]).toMatchObject({ type: 'aws_db_instance', name: 'cart', provider: 'provider["registry.terraform.io/hashicorp/aws"]', attributes: { identifier: 'cart-sql-sb' } });
    expect(() => parseState('{"version":3}', 'old.tfstate')).toThrow(/old\.tfstate has format version 3/);
  });

  it('re-reads a file only when it changed, and re-maps it only when its serial changed', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'lattice-tf-')), 'terraform.tfstate');
    const state = JSON.parse(readFileSync(STATE, 'utf8'));
    writeFileSync(file, JSON.stringify(state));
    // A clock that moves on between snapshots: with a ttl of 0, every snapshot checks the state.
    let now = 0;
    const source = createTerraformSource(config({ states: [{ path: file }] }, 'aws_db_instance'), { cache: new MemoryCache({ now: () => (now += 1) }), log });
    const first = await source.snapshot();
    expect(first.entities.map((e) => e.properties)).toEqual([{ serial: '16.3' }]);
    const again = await source.snapshot();
    expect(source.readers[0].reads).toBe(1);
    expect(again.entities[0]).toBe(first.entities[0]);
    // Rewritten with the same serial: read again (mtime), not mapped again.
    state.resources[0].instances[0].attributes.engine_version = '99';
    writeFileSync(file, JSON.stringify(state, null, 1));
    const same = await source.snapshot();
    expect(source.readers[0].reads).toBe(2);
    expect(same.entities[0]).toBe(first.entities[0]);
    state.serial = 13;
    writeFileSync(file, JSON.stringify(state));
    const next = await source.snapshot();
    expect(next.entities.map((e) => e.properties)).toEqual([{ serial: '99' }]);
  });

  it('skips an instance whose mapping fails (an identifier outside Port\'s rule) with a warning, and serves the others', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'lattice-tf-')), 'terraform.tfstate');
    const state = { version: 4, serial: 1, lineage: 'l', resources: ['ok', 'not ok', 'also-ok'].map((name) => ({ mode: 'managed', type: 'null_resource', name, instances: [{ attributes: {} }] })) };
    writeFileSync(file, JSON.stringify(state));
    const warnings: Record<string, unknown>[] = [];
    const recording = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line)) });
    const cfg = config({ states: [{ path: file }] });
    const source = createTerraformSource({ ...cfg, resources: [{ kind: '*', entity: { mappings: { identifier: '.name', blueprint: '"Resource"' } } }] }, { cache: new MemoryCache(), log: recording });
    const { entities } = await source.snapshot();
    expect(entities.map((e) => e.identifier)).toEqual(['ok', 'also-ok']);
    expect(warnings).toEqual([
      expect.objectContaining({ source: 'tf', kind: '*', object: 'null_resource.not ok', msg: '* object skipped: a mapping failed', err: expect.stringMatching(/^mapping of "\*" gave an invalid identifier "not ok" has " " at character 4/) }),
    ]);
  });
});
