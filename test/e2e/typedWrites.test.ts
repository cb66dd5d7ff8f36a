/**
 * Typed writes over real HTTP: `create<Type>`, `update<Type>`, `delete<Type>` with the enums of
 * the outputs (one spelling in typed positions), required relations non-null in the input,
 * defaults in the SDL, CONFLICT / NOT_FOUND, the writer's validation with pointers; and
 * `upsertEntity(properties: JSON)` keeping Port's payloads (values as written) working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lattice } from '../../src/server/app.ts';
import { ADMIN_TOKEN, gql, startTestLattice, tempProject } from '../helpers/lattice.ts';

let lattice: Lattice;
const as = (query: string, variables?: Record<string, unknown>) => gql(lattice.url, query, variables, { token: ADMIN_TOKEN });

beforeAll(async () => {
  const project = tempProject();
  lattice = await startTestLattice({ blueprintsDir: project.blueprintsDir, catalogDir: project.catalogDir });
});
afterAll(() => lattice?.close());

describe('typed writes', () => {
  it('create<Type>: enum values by their GraphQL names, relations by identifier; stored as Port writes them', async () => {
    const res = await as(`mutation {
      createComponent(input: { identifier: "SearchService", title: "Search", type: SERVICE, system: "Products", consumesApi: ["CartAPI"], kubernetesNamespace: "orders" }) {
        component { identifier title type properties relations system { identifier } consumesApi { nodes { identifier } } }
      }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.createComponent.component).toEqual({
      identifier: 'SearchService',
      title: 'Search',
      type: 'SERVICE',
      properties: { type: 'service', kubernetesNamespace: 'orders' },
      relations: { system: 'Products', consumesApi: ['CartAPI'] },
      system: { identifier: 'Products' },
      consumesApi: { nodes: [{ identifier: 'CartAPI' }] },
    });
  });

  it('create<Type> of an entity that exists is CONFLICT; nothing changes', async () => {
    const res = await as('mutation { createComponent(input: { identifier: "SearchService", type: LIBRARY }) { component { identifier } } }');
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', pointer: '/identifier' });
    expect((await as('{ component(identifier: "SearchService") { type } }')).data.component.type).toBe('SERVICE');
  });

  it('the written spelling is refused in typed positions, with the GraphQL names listed', async () => {
    const res = await as('mutation { createComponent(input: { identifier: "Other", type: service }) { component { identifier } } }');
    expect(res.errors?.[0].message).toMatch(/Value "service" does not exist in "ComponentType" enum/);
  });

  it('a required relation is non-null in the create input; a relation to nothing is refused with its pointer', async () => {
    const missing = await as('mutation { createAPI(input: { identifier: "SearchAPI", type: GRPC }) { api { identifier } } }');
    expect(missing.errors?.[0].message).toContain('Field "CreateAPIInput.provider" of required type "String!" was not provided');
    const dangling = await as('mutation { createAPI(input: { identifier: "SearchAPI", type: GRPC, provider: "NoSuchService" }) { api { identifier } } }');
    expect(dangling.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', pointer: '/relations/provider' });
    const ok = await as('mutation { createAPI(input: { identifier: "SearchAPI", type: GRPC, provider: "SearchService" }) { api { identifier type provider { identifier } } } }');
    expect(ok.data.createAPI.api).toEqual({ identifier: 'SearchAPI', type: 'GRPC', provider: { identifier: 'SearchService' } });
  });

  it('update<Type> merges: what is given is set, null clears, the rest is kept; NOT_FOUND for no such entity', async () => {
    const res = await as('mutation { updateComponent(identifier: "SearchService", patch: { type: LIBRARY, kubernetesNamespace: null, title: "Search v2" }) { component { title type properties relations } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.updateComponent.component).toEqual({ title: 'Search v2', type: 'LIBRARY', properties: { type: 'library', kubernetesNamespace: null }, relations: { system: 'Products', consumesApi: ['CartAPI'] } });
    const none = await as('mutation { updateComponent(identifier: "Nope", patch: { type: LIBRARY }) { component { identifier } } }');
    expect(none.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('delete<Type>: refused while a required relation points at it, unless deleteDependents; false when there is nothing', async () => {
    const refused = await as('mutation { deleteComponent(identifier: "SearchService") { deleted } }');
    expect(refused.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(refused.errors?.[0].message).toContain('API "SearchAPI"');
    const res = await as('mutation { deleteComponent(identifier: "SearchService", deleteDependents: true) { identifier deleted } }');
    expect(res.data.deleteComponent).toEqual({ identifier: 'SearchService', deleted: true });
    expect((await as('{ api(identifier: "SearchAPI") { identifier } }')).data.api).toBeNull();
    expect((await as('mutation { deleteComponent(identifier: "SearchService") { deleted } }')).data.deleteComponent.deleted).toBe(false);
  });

  it('upsertEntity keeps taking Port payloads as they are: enum values as written', async () => {
    const res = await as('mutation { upsertEntity(blueprint: COMPONENT, identifier: "Pasted", properties: { type: "library" }, relations: { system: "Cart" }) { identifier ... on Component { type } properties } }');
    expect(res.data.upsertEntity).toEqual({ identifier: 'Pasted', type: 'LIBRARY', properties: { type: 'library' } });
    const typedSpelling = await as('mutation { upsertEntity(blueprint: COMPONENT, identifier: "Pasted", properties: { type: "LIBRARY" }) { identifier } }');
    expect(typedSpelling.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', pointer: '/properties/type' });
  });

  it('writes need a caller allowed to write, as upsertEntity does', async () => {
    const res = await gql(lattice.url, 'mutation { createComponent(input: { identifier: "Anon" }) { component { identifier } } }');
    expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(res.errors?.[0].extensions?.code);
  });
});
