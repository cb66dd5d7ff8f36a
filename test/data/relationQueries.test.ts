/**
 * Port's "relation by search query" in a source mapping: the mapping renders the query from the
 * upstream object (every string jq), the reader resolves it over the target blueprint's merged
 * entities (src/data/relationQueries.ts). Driven through a real Terraform source (a state file)
 * and the reader, with teams in the catalog store: one match, several matches (a conflict on a
 * single relation), none, a `many` relation, reverse lookups, and a query that renders badly.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { compileMapping } from '../../src/data/mapping.ts';
import { MemoryCache } from '../../src/data/memory/MemoryCache.ts';
import { MemoryEntityStore } from '../../src/data/memory/MemoryEntityStore.ts';
import { createEntityReader } from '../../src/data/reader.ts';
import type { ServedEntity } from '../../src/data/merge.ts';
import { loadBlueprints } from '../../src/model/blueprints/load.ts';
import type { EntityInput } from '../../src/model/entities/entity.ts';
import { createTerraformSource } from '../../datasources/terraform/source.ts';

const model = loadBlueprints([
  {
    file: 'blueprints.json',
    text: JSON.stringify([
      { identifier: 'team', title: 'Team', schema: { properties: { handle: { type: 'string' } } }, relations: {} },
      {
        identifier: 'service',
        title: 'Service',
        schema: { properties: {} },
        relations: { team: { target: 'team', many: false, required: false }, watchers: { target: 'team', many: true, required: false } },
      },
    ]),
  },
]).model;

/** Ocean's datadog shape: every string of the query is jq over the upstream object. */
const mappings = {
  identifier: '.name',
  blueprint: '"service"',
  relations: {
    team: { combinator: '"and"', rules: [{ property: '"handle"', operator: '"="', value: '.attributes.team' }] },
    watchers: { combinator: '"or"', rules: [{ property: '"handle"', operator: '"in"', value: '.attributes.watch' }, { property: '"$identifier"', operator: '"="', value: '"ops"' }] },
  },
};

async function setup() {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'lattice-relq-')), 'terraform.tfstate');
  const instance = (name: string, attributes: Record<string, unknown>) => ({ mode: 'managed', type: 'null_resource', name, instances: [{ attributes }] });
  writeFileSync(
    file,
    JSON.stringify({
      version: 4,
      serial: 1,
      lineage: 'l',
      resources: [instance('svc-a', { team: 'plat', watch: ['pay'] }), instance('svc-b', { team: 'dup', watch: [] }), instance('svc-c', { team: 'nobody', watch: [] })],
    }),
  );
  const store = new MemoryEntityStore();
  const team = (identifier: string, handle: string) => ({ blueprint: 'team', identifier, title: null, icon: null, team: [], properties: { handle }, relations: {}, origin: 'api' }) as EntityInput;
  await store.put([team('platform', 'plat'), team('payments', 'pay'), team('ops', 'ops'), team('dup-1', 'dup'), team('dup-2', 'dup')]);
  const source = createTerraformSource(
    { name: 'tf', kind: 'terraform', ttlSeconds: 0, maxStaleSeconds: 0, options: { states: [{ path: file }] }, resources: [{ kind: '*', port: { entity: { mappings } } }], pointer: '/sources/0' },
    { cache: new MemoryCache(), log: pino({ level: 'silent' }) },
  );
  return createEntityReader(store, [source], () => model);
}

describe('relations given as search queries', () => {
  it('resolves them over the target blueprint: one match, many, several for a single relation (a conflict), none', async () => {
    const session = (await setup()).session();
    const [a, b, c] = (await session.getMany('service', ['svc-a', 'svc-b', 'svc-c'])) as ServedEntity[];
    expect(a.relations).toEqual({ team: 'platform', watchers: ['ops', 'payments'] });
    expect(a.relationQueries).toBeUndefined();
    expect(a.conflicts).toEqual([]);
    expect(b.relations.team).toBeUndefined();
    expect(b.conflicts).toEqual([{ field: 'relations.team', values: [{ source: 'search query', value: 'dup-1' }, { source: 'search query', value: 'dup-2' }] }]);
    expect(c.relations).toEqual({ watchers: ['ops'] });
    expect(c.conflicts).toEqual([]);
  });

  it('the resolved relations answer reverse lookups', async () => {
    const session = (await setup()).session();
    const [byPlatform, byOps] = await session.findByRelation('service', 'watchers', ['payments', 'ops']);
    expect(byPlatform.map((e) => e.identifier)).toEqual(['svc-a']);
    expect(byOps.map((e) => e.identifier).sort()).toEqual(['svc-a', 'svc-b', 'svc-c']);
  });

  it('a query that renders to something that is not a search query fails that object\'s mapping, at the relation', async () => {
    const mapping = compileMapping(
      { kind: 'x', port: { entity: { mappings: { identifier: '.id', blueprint: '"service"', relations: { team: { combinator: '"and"', rules: [{ property: '"handle"', operator: '.op', value: '"x"' }] } } } } } },
      'source:x',
      '/sources/0/resources/0',
    );
    await expect(mapping.map({ id: 'a', op: 'resembles' })).rejects.toMatchObject({
      code: 'INVALID_ENTITY',
      location: { pointer: '/sources/0/resources/0/port/entity/mappings/relations/team' },
      message: expect.stringMatching(/^mapping of "x": relation "team": the search query gave .*resembles/),
    });
    await expect(mapping.map({ id: 'a', op: '=' })).resolves.toEqual([expect.objectContaining({ relationQueries: { team: { combinator: 'and', rules: [{ property: 'handle', operator: '=', value: 'x' }] } } })]);
  });
});
