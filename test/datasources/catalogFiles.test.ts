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

async function errorsOf(files: CatalogFile[], store = new MemoryEntityStore()): Promise<LatticeError[]> {
  try {
    await loadCatalogFiles(files, model, store);
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

  it("refuses identifiers outside Port's rule, with the file, line, column and pointer", async () => {
    const text = JSON.stringify({ Domain: [{ identifier: 'a b/c' }, { identifier: 'nul\u0000' }, { identifier: 'x'.repeat(10_000) }, { identifier: 'ok', title: 'fine' }], System: [{ identifier: 'S', relations: { domain: 'bad id' } }] }, null, 2);
    const errors = await errorsOf([{ file: 'catalog/ids.json', text }]);
    expect(errors.map((e) => [e.code, e.location?.pointer])).toEqual([
      ['INVALID_ENTITY', '/Domain/0/identifier'],
      ['INVALID_ENTITY', '/Domain/1/identifier'],
      ['INVALID_ENTITY', '/Domain/2/identifier'],
      ['INVALID_ENTITY', '/System/0/relations/domain'],
    ]);
    expect(errors[0].message).toBe(`entity identifier "a b/c" has " " at character 2; expected 1 to 1000 characters: letters, digits and @ _ . + : \\ / = ' - (not "." or ".." alone)`);
    expect(errors[1].message).toContain('"\\u0000" at character 4');
    expect(errors[2].message).toContain('10000 characters long');
    expect(errors[3].message).toContain('points at an invalid identifier "bad id"');
    const lines = text.split('\n');
    const at = errors[0].location;
    expect(lines[(at?.line ?? 0) - 1].slice((at?.column ?? 0) - 1)).toMatch(/^"identifier": "a b\/c"/);
  });

  it('loads Port API responses: { ok, entities } and { ok, entity }, in Port\'s entity JSON shape', async () => {
    const exported = {
      ok: true,
      entities: [
        { identifier: 'Orders', title: 'Orders', icon: null, blueprint: 'Domain', team: [], properties: {}, relations: {}, createdAt: '2024-01-01T00:00:00.000Z', createdBy: 'u1', updatedAt: '2024-01-02T00:00:00.000Z', updatedBy: 'u2' },
        { identifier: 'Cart', title: 'Cart', blueprint: 'System', team: 'shop', properties: {}, relations: { domain: 'Orders' } },
      ],
    };
    const one = { ok: true, entity: { identifier: 'arn:aws:sqs:eu-west-1:123456789012:cart', blueprint: 'Resource', properties: { type: 'kafka-topic' }, relations: {} } };
    const entities = await loadCatalogFiles([{ file: 'port/export.json', text: JSON.stringify(exported) }, { file: 'port/one.json', text: JSON.stringify(one) }], model, new MemoryEntityStore());
    expect(entities).toEqual([
      { blueprint: 'Domain', identifier: 'Orders', title: 'Orders', icon: null, team: [], properties: {}, relations: {}, origin: 'file:port/export.json' },
      { blueprint: 'System', identifier: 'Cart', title: 'Cart', icon: null, team: ['shop'], properties: {}, relations: { domain: 'Orders' }, origin: 'file:port/export.json' },
      { blueprint: 'Resource', identifier: 'arn:aws:sqs:eu-west-1:123456789012:cart', title: null, icon: null, team: [], properties: { type: 'kafka-topic' }, relations: {}, origin: 'file:port/one.json' },
    ]);
    const errors = await errorsOf([
      { file: 'a.json', text: JSON.stringify({ ok: true, entities: [{ identifier: 'x', title: 'no blueprint' }, { blueprint: 'Domain', identifier: 'y', scorecard: {} }] }) },
      { file: 'b.json', text: JSON.stringify({ ok: true, blueprints: [] }) },
      { file: 'c.json', text: JSON.stringify({ ok: true, entity: 'x' }) },
    ]);
    expect(errors.map((e) => [e.location?.file, e.location?.pointer, e.message])).toEqual([
      ['a.json', '/entities/0', 'entity "x" has no "blueprint"'],
      ['a.json', '/entities/1/scorecard', 'entity "y": unknown key "scorecard"'],
      ['b.json', '', 'this Port API response holds blueprints: put it in the blueprints folder'],
      ['c.json', '/entity', 'expected an entity object'],
    ]);
  });

  it('refuses a file entity that an API-written entity already is, naming both owners; nothing is lost', async () => {
    const store = new MemoryEntityStore();
    const [api] = await store.put([{ blueprint: 'Domain', identifier: 'Payments', title: 'Payments (API)', icon: null, team: [], properties: {}, relations: {}, origin: 'api' }]);
    const text = JSON.stringify({ Domain: [{ identifier: 'Orders' }, { identifier: 'Payments', title: 'from the file' }] }, null, 2);
    const err = await loadCatalogFiles([{ file: 'catalog/domains.json', text }], model, store).catch((e: LatticeErrors) => e);
    expect(err).toBeInstanceOf(LatticeErrors);
    expect((err as LatticeErrors).errors.map((e) => [e.code, e.location?.file, e.location?.pointer, e.details.owners])).toEqual([['CONFLICT', 'catalog/domains.json', '/Domain/1/identifier', ['catalog/domains.json', 'api']]]);
    expect((err as LatticeErrors).errors[0].message).toBe(
      'Domain "Payments" is defined in catalog/domains.json but already exists, written through the API (owner: api); an entity has one owner: remove it from the file, or delete the API entity first',
    );
    expect((await store.getMany('Domain', ['Payments']))[0]).toBe(api);
  });

  it('refuses to remove a file entity that an API-written entity requires; a removed file entity is no relation target', async () => {
    const store = new MemoryEntityStore();
    await store.replaceOrigin('file:', await loadCatalogFiles([{ file: 'catalog/seed.json', text: JSON.stringify({ ...base, Domain: [...base.Domain, { identifier: 'Spare' }] }) }], model, store));
    await store.put([{ blueprint: 'System', identifier: 'Billing', title: null, icon: null, team: [], properties: {}, relations: { domain: 'Orders' }, origin: 'api' }]);
    // Orders leaves the files while the API's System "Billing" requires it.
    const errors = await errorsOf([{ file: 'catalog/seed.json', text: JSON.stringify({ Domain: [{ identifier: 'Spare' }] }) }], store);
    expect(errors.map((e) => [e.code, e.location?.file, e.details.dependent])).toEqual([['DANGLING_RELATION', 'catalog/seed.json', { blueprint: 'System', identifier: 'Billing', relation: 'domain' }]]);
    expect(errors[0].message).toBe(
      'Domain "Orders" was removed from catalog/seed.json, but System "Billing" (owner: api) requires it through its required relation "domain"; change or delete System "Billing" first, or keep Domain "Orders"',
    );
    // A file entity that still points at a target that left the files fails its own validation,
    // although the old generation's copy of the target is still in the store.
    const moved = await errorsOf([{ file: 'catalog/seed.json', text: JSON.stringify({ Domain: [{ identifier: 'Orders' }], System: [{ identifier: 'Cart', relations: { domain: 'Spare' } }] }) }], store);
    expect(moved.map((e) => [e.code, e.location?.pointer])).toEqual([['INVALID_ENTITY', '/System/0/relations/domain']]);
    // Removing a target nobody requires is fine.
    expect((await loadCatalogFiles([{ file: 'catalog/seed.json', text: JSON.stringify(base) }], model, store)).map((e) => e.identifier)).toEqual(['Orders', 'Cart']);
  });
});
