/**
 * Catalog files: the three shapes a file may take, and entity validation errors that name the
 * file, the entity, the JSON pointer, and the line and column.
 */
import { describe, expect, it } from 'vitest';
import { loadBlueprints } from '../../src/model/blueprints/load.ts';
import { LatticeErrors, type LatticeError } from '../../src/errors/index.ts';
import { MemoryEntityStore } from '../../src/data/memory/MemoryEntityStore.ts';
import { loadCatalogFiles, type CatalogFile } from '../../datasources/catalog/provider.ts';
import { readDocuments } from '../../src/server/runtime.ts';
import path from 'node:path';
import { ROOT } from '../helpers/lattice.ts';

const model = loadBlueprints(await readDocuments(path.join(ROOT, 'schema/blueprints'), ROOT)).model;

async function errorsOf(files: CatalogFile[]): Promise<LatticeError[]> {
  try {
    await loadCatalogFiles(files, model, new MemoryEntityStore());
  } catch (err) {
    expect(err).toBeInstanceOf(LatticeErrors);
    return [...(err as LatticeErrors).errors];
  }
  throw new Error('expected the catalog to be rejected');
}

const base = { Domain: [{ identifier: 'Orders', title: 'Orders' }], System: [{ identifier: 'Cart', relations: { domain: 'Orders' } }] };

describe('catalog files', () => {
  it('accepts one entity, a list, or entities grouped by blueprint, in JSON or YAML', async () => {
    const entities = await loadCatalogFiles(
      [
        { file: 'grouped.json', text: JSON.stringify(base) },
        { file: 'one.yaml', text: 'blueprint: Component\nidentifier: CartService\nproperties:\n  type: service\nrelations:\n  system: Cart\n' },
        { file: 'list.json', text: JSON.stringify([{ blueprint: 'Resource', identifier: 'db', properties: { type: 'kafka-topic' } }]) },
      ],
      model,
      new MemoryEntityStore(),
    );
    expect(entities.map((e) => `${e.blueprint}:${e.identifier}:${e.origin}`)).toEqual(['Domain:Orders:file:grouped.json', 'System:Cart:file:grouped.json', 'Component:CartService:file:one.yaml', 'Resource:db:file:list.json']);
  });

  it('names file, entity, pointer, line and column for each invalid entity', async () => {
    const text = JSON.stringify(
      {
        ...base,
        Component: [
          { identifier: 'WrongType', properties: { type: 7 } },
          { identifier: 'WrongEnum', properties: { type: 'Service' } },
          { identifier: 'Dangling', relations: { system: 'Nowhere' } },
          { identifier: 'UnknownRelation', relations: { owner: 'x' } },
        ],
        API: [{ identifier: 'NoProvider', properties: { type: 'grpc' } }],
      },
      null,
      2,
    );
    const errors = await errorsOf([{ file: 'catalog/bad.json', text }]);
    expect(errors.map((e) => [e.details.identifier, e.location?.pointer])).toEqual([
      ['WrongType', '/Component/0/properties/type'],
      ['WrongEnum', '/Component/1/properties/type'],
      ['Dangling', '/Component/2/relations/system'],
      ['UnknownRelation', '/Component/3/relations/owner'],
      ['NoProvider', '/API/0/relations/provider'],
    ]);
    for (const e of errors) {
      expect(e.code).toBe('INVALID_ENTITY');
      expect(e.location?.file).toBe('catalog/bad.json');
      expect(e.location?.line).toBeGreaterThan(1);
    }
    const lines = text.split('\n');
    const wrongType = errors[0].location;
    expect(lines[(wrongType?.line ?? 0) - 1].slice((wrongType?.column ?? 0) - 1)).toMatch(/^"type": 7/);
    expect(errors[1].message).toContain('"service", "library"');
    expect(errors[2].message).toContain('"Nowhere", which is not a System entity');
  });

  it('rejects missing required properties, duplicates across files, unknown blueprints and syntax errors', async () => {
    const strict = loadBlueprints([{ file: 'b.json', text: JSON.stringify({ identifier: 'Svc', schema: { properties: { lang: { type: 'string' } }, required: ['lang'] } }) }]).model;
    await expect(loadCatalogFiles([{ file: 'x.json', text: JSON.stringify({ blueprint: 'Svc', identifier: 'a', properties: {} }) }], strict, new MemoryEntityStore())).rejects.toMatchObject({
      errors: [expect.objectContaining({ message: expect.stringContaining('required property "lang" is missing'), location: expect.objectContaining({ pointer: '/properties/lang' }) })],
    });
    const errors = await errorsOf([
      { file: 'a.json', text: JSON.stringify(base) },
      { file: 'b.json', text: JSON.stringify({ Domain: [{ identifier: 'Orders' }], Team: [{ identifier: 't' }] }) },
      { file: 'c.yaml', text: 'identifier: [' },
    ]);
    expect(errors.map((e) => [e.code, e.location?.file, e.location?.pointer ?? e.location?.line])).toEqual([
      ['SYNTAX_ERROR', 'c.yaml', 1],
      ['INVALID_ENTITY', 'b.json', '/Domain/0/identifier'],
      ['INVALID_ENTITY', 'b.json', '/Team/0/blueprint'],
    ]);
    expect(errors[1].message).toContain('defined twice; first in a.json');
    expect(errors[2].message).toContain('unknown blueprint "Team"');
  });
});
